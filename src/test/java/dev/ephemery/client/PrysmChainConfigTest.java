package dev.ephemery.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.network.ReleaseFiles;
import dev.ephemery.testing.ReleaseFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrysmChainConfigTest {
  static final Pattern TOP = Pattern.compile("^([A-Za-z0-9_]+)\\s*:\\s*([^#]*?)\\s*(#.*)?$");

  final String release = ReleaseFixtures.fixtureFiles().text("config.yaml").orElseThrow();
  final String derived = PrysmChainConfig.derive(release);

  static Map<String, String> topLevel(String yaml) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : yaml.split("\n")) {
      Matcher m = TOP.matcher(line);
      if (m.matches()) {
        assertThat(values.put(m.group(1), m.group(2))).as("duplicate key " + m.group(1)).isNull();
      }
    }
    return values;
  }

  @Test
  void theReleasesConfigHasKeysPrysmDoesNotKnowAndTheDerivedOneNone() {
    assertThat(topLevel(release).keySet())
        .contains("EPHEMERY_RESET_PERIOD", "NUMBER_OF_COLUMNS")
        .doesNotContain("GLOAS_FORK_VERSION");
    assertThat(topLevel(derived).keySet()).isSubsetOf(PrysmChainConfig.KNOWN_KEYS);
    assertThat(derived).doesNotContain("\nEPHEMERY_RESET_PERIOD:");
  }

  @Test
  void setsEveryForkVersionPrysmKnowsEachUniqueAndNoneARegisteredNetworks() {
    Map<String, String> values = topLevel(derived);
    List<String> versions = new ArrayList<>();
    for (String fork : PrysmChainConfig.FORKS) {
      assertThat(PrysmChainConfig.KNOWN_KEYS).contains(fork + "_FORK_VERSION");
      versions.add(values.get(fork + "_FORK_VERSION"));
    }
    assertThat(versions).doesNotContainNull().doesNotHaveDuplicates();
    PrysmChainConfig.REGISTERED.forEach(
        (network, registered) ->
            assertThat(versions).as(network).doesNotContainAnyElementsOf(registered));
    // Ephemery's pattern: one high nibble per fork, the genesis version's low bytes.
    assertThat(values.get("GLOAS_FORK_VERSION")).isEqualTo("0x8000101b");
    assertThat(values.get("GLOAS_FORK_EPOCH")).isEqualTo("18446744073709551615");
  }

  @Test
  void keepsTheReleasesLinesVerbatimIncludingTheBlobSchedule() {
    List<String> derivedLines = List.of(derived.split("\n"));
    for (String line : release.split("\n")) {
      Matcher m = TOP.matcher(line);
      if (!m.matches() || PrysmChainConfig.KNOWN_KEYS.contains(m.group(1))) {
        assertThat(derivedLines).contains(line);
      }
    }
    assertThat(derived).contains("BLOB_SCHEDULE:\n  - EPOCH: 2048\n    MAX_BLOBS_PER_BLOCK: 12\n");
  }

  @Test
  void dropsTheNestedLinesOfAnUnknownKeyWithIt() {
    String config =
        "GENESIS_FORK_VERSION: 0x1000101b\nUNKNOWN_LIST:\n  - EPOCH: 1\n    X: 2\nSECONDS_PER_SLOT: 12\n";
    String out = PrysmChainConfig.derive(config);
    assertThat(out)
        .doesNotContain("UNKNOWN_LIST:", "  - EPOCH: 1", "    X: 2")
        .contains("SECONDS_PER_SLOT: 12\n");
  }

  @Test
  void aTakenVersionMovesToTheNextFreeOne() {
    // Genesis Hoodi's low bytes: Gloas 0x80000910 is Hoodi's, so the next candidate is used.
    String out =
        PrysmChainConfig.derive(
            "GENESIS_FORK_VERSION: 0x10000910\nFULU_FORK_VERSION: 0x81000910\n"
                + "ALTAIR_FORK_VERSION: 0x20000911\n");
    Map<String, String> values = topLevel(out);
    assertThat(values.get("GLOAS_FORK_VERSION")).isEqualTo("0x82000910");
    assertThat(values.get("ALTAIR_FORK_VERSION")).isEqualTo("0x20000911");
    // Hoodi's Bellatrix version too.
    assertThat(values.get("BELLATRIX_FORK_VERSION")).isEqualTo("0x31000910");
    assertThat(values.get("CAPELLA_FORK_VERSION")).isEqualTo("0x41000910");
  }

  @Test
  void theDerivedFileIsOneOfTheReleasesDerivedFiles() {
    ReleaseFiles files = ReleaseFixtures.fixtureFiles();
    assertThat(DerivedReleaseFiles.of(files)).containsOnlyKeys(PrysmChainConfig.FILE);
    assertThat(
            new String(
                DerivedReleaseFiles.of(files).get(PrysmChainConfig.FILE), StandardCharsets.UTF_8))
        .isEqualTo(derived);
    assertThat(DerivedReleaseFiles.of(files.without("config.yaml"))).isEmpty();
  }
}
