package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.InventoryDefaults.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {

  @TempDir Path dir;

  static final String ONE_HOST =
      "hosts:\n  - { name: %s, address: local, execution: {client: geth},"
          + " consensus: {client: teku} }\n";

  @Test
  void usesTheEmbeddedDefaultWhenThereIsNoFile() {
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(1000, "/home/bob"));
    Inventory inventory = loader.load(null);
    assertThat(inventory.source()).isEqualTo("<embedded default>");
    assertThat(inventory.hosts().get(0).baseDir()).isEqualTo("/home/bob/.ephemery");
  }

  @Test
  void prefersEphemeryYamlInTheWorkingDirectoryOverTheDefault() throws IOException {
    Files.writeString(dir.resolve("ephemery.yaml"), ONE_HOST.formatted("fromcwd"));
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(0, "/root"));
    Inventory inventory = loader.load(null);
    assertThat(inventory.hosts().get(0).name()).isEqualTo("fromcwd");
    assertThat(inventory.source()).isEqualTo("./ephemery.yaml");
  }

  @Test
  void prefersTheFileOptionOverEverything() throws IOException {
    Files.writeString(dir.resolve("ephemery.yaml"), ONE_HOST.formatted("fromcwd"));
    Files.writeString(dir.resolve("other.yaml"), ONE_HOST.formatted("fromoption"));
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(0, "/root"));
    assertThat(loader.load(Path.of("other.yaml")).hosts().get(0).name()).isEqualTo("fromoption");
  }

  @Test
  void aMissingFileOptionIsBadInputEvenWhenADefaultExists() throws IOException {
    Files.writeString(dir.resolve("ephemery.yaml"), ONE_HOST.formatted("fromcwd"));
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(0, "/root"));
    assertThatThrownBy(() -> loader.load(Path.of("missing.yaml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.yaml")
        .hasMessageContaining("file not found");
  }

  @Test
  void anInvalidEphemeryYamlInTheWorkingDirectoryIsNotSilentlyReplacedByTheDefault()
      throws IOException {
    Files.writeString(dir.resolve("ephemery.yaml"), "hosts: nope\n");
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(0, "/root"));
    assertThatThrownBy(() -> loader.load(null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hosts");
  }

  @Test
  void anUnreadableFileIsBadInput() throws IOException {
    Path file = dir.resolve("secret.yaml");
    Files.writeString(file, ONE_HOST.formatted("a"));
    file.toFile().setReadable(false);
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(0, "/root"));
    if (Files.isReadable(file)) {
      // root reads everything: nothing to test here, but the file itself must still load
      assertThat(loader.load(file).hosts()).hasSize(1);
      return;
    }
    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void refusesAFileLargerThanAnInventoryCanBe() throws IOException {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, new byte[(int) InventoryLoader.MAX_BYTES + 1]);
    InventoryLoader loader = new InventoryLoader(dir, new HostFacts(0, "/root"));
    assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("larger than 1 MiB");
  }
}
