package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderComposeCommandTest {
  @TempDir Path temp;

  @Test
  void writesTheComposeFileAndReleaseCopyForTheDefaultPair() throws Exception {
    Path file = temp.resolve("inventory.yaml");
    assertThat(CliRun.of("init", "-o", file.toString()).code()).isZero();
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    Path out = temp.resolve("out");
    CliRun run =
        CliRun.of(
            "render",
            "compose",
            "-f",
            file.toString(),
            "--release",
            release.toString(),
            "--out",
            out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("wrote " + out.resolve("docker-compose.yaml"));
    assertThat(Files.readString(out.resolve("docker-compose.yaml")))
        .contains("ephemery-node1-geth-init", "./testnet/ephemery-153", "openssl rand -hex 32");
    assertThat(out.resolve("testnet/ephemery-153/config.yaml")).exists();
    assertThat(out.resolve("secrets/jwt.hex")).doesNotExist();
  }

  @Test
  void needsAnOutputFolder() {
    CliRun run = CliRun.of("render", "compose");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--out");
  }
}
