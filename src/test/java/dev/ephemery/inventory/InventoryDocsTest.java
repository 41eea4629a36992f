package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/inventory.md is the reference: it must name every key and its example must be valid. */
class InventoryDocsTest {

  static String docs;

  @BeforeAll
  static void readDocs() throws IOException {
    docs = Files.readString(Path.of("docs/inventory.md"));
  }

  @Test
  void documentsEverySchemaKey() {
    List<String> paths = new ArrayList<>();
    for (SchemaKey key : InventorySchema.ROOT.keys()) {
      paths.add(key.name());
    }
    for (SchemaKey key : InventorySchema.HostKeys.SECTION.keys()) {
      paths.add(key.name());
      if (key.section() != null) {
        key.section().keys().forEach(k -> paths.add(key.name() + "." + k.name()));
      }
    }
    assertThat(paths).hasSizeGreaterThan(30);
    for (String path : paths) {
      assertThat(docs).as("docs/inventory.md documents %s", path).contains("| `" + path + "` |");
    }
  }

  @Test
  void documentsEveryMappedAnsibleVariable() {
    for (String key : AnsibleImport.MAPPED_KEYS) {
      assertThat(docs).as("docs/inventory.md maps %s", key).contains("`" + key + "`");
    }
  }

  @Test
  void theFullExampleIsAValidInventory() {
    int start = docs.indexOf("```yaml", docs.indexOf("## Full example")) + "```yaml".length();
    String example = docs.substring(start, docs.indexOf("```", start));

    Inventory inventory = InventoryParser.parse(example, "docs example");

    assertThat(inventory.hosts()).extracting(Host::name).containsExactly("node1", "node2");
    Host node2 = inventory.hosts().get(1);
    assertThat(node2.consensus().checkpointSyncUrl())
        .isEqualTo("https://checkpoint-sync.ephemery.ethpandaops.io");
    assertThat(node2.monitoring().enabled()).isTrue();
    assertThat(node2.validator().client()).isEqualTo(ConsensusClient.TEKU);
  }
}
