package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.testing.ReleaseFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenesisCommandTest {

  record Result(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @TempDir Path temp;

  @Test
  void showPredictsIteration153FromTheFormula() throws Exception {
    Result result = run("genesis", "show", "--at", "2025-11-21T00:00:00Z", "--output", "json");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("iteration").asInt()).isEqualTo(153);
    assertThat(json.get("chainId").asLong()).isEqualTo(39_438_153L);
    assertThat(json.get("elGenesisTime").asText()).isEqualTo("2025-11-20T19:00:00Z");
    assertThat(json.get("clGenesisTime").asText()).isEqualTo("2025-11-20T19:10:00Z");
    assertThat(json.get("nextReset").asText()).isEqualTo("2025-12-18T19:00:00Z");
    assertThat(json.get("source").asText()).isEqualTo("predicted");
  }

  @Test
  void showPrintsReadableTextByDefault() {
    Result result = run("genesis", "show", "--at", "2025-12-18T19:00:00Z");
    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("iteration    154 (chain id 39438154), predicted")
        .contains("next reset   2026-01-15T19:00:00Z");
  }

  @Test
  void showReadsTheTimesFromAGivenRelease() throws Exception {
    Path dir = ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), temp.resolve("r"));
    Result result =
        run(
            "genesis",
            "show",
            "--at",
            "2025-11-21T00:00:00Z",
            "--release",
            dir.toString(),
            "--output",
            "json");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.json().get("source").asText()).isEqualTo("release");
    assertThat(result.json().get("iteration").asInt()).isEqualTo(153);
  }

  @Test
  void showRefusesAnInvalidReleaseWithItsProblems() {
    Path dir = temp.resolve("r");
    Result result =
        run(
            "genesis",
            "show",
            "--release",
            ReleaseFixtures.writeFolderUnchecked(ReleaseFixtures.fixtureFiles(), dir).toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("missing-file")
        .contains("genesis.ssz")
        .doesNotContain("\tat ");
  }

  @Test
  void showRejectsAMalformedInstant() {
    Result result = run("genesis", "show", "--at", "yesterday");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--at").contains("ISO-8601");
  }

  @Test
  void verifyAcceptsTheRealReleaseFolder() throws Exception {
    Path dir = ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), temp.resolve("r"));
    Result result = run("genesis", "verify", dir.toString(), "--output", "json");

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    JsonNode json = result.json();
    assertThat(json.get("valid").asBoolean()).isTrue();
    assertThat(json.get("iteration").asInt()).isEqualTo(153);
    assertThat(json.get("chainId").asLong()).isEqualTo(39_438_153L);
    assertThat(json.get("elGenesisTime").asLong()).isEqualTo(1_763_665_200L);
    assertThat(json.get("clGenesisTime").asLong()).isEqualTo(1_763_665_800L);
    assertThat(json.get("resetPeriod").asLong()).isEqualTo(2_419_200L);
    assertThat(json.get("problems")).isEmpty();
  }

  @Test
  void verifyAcceptsATarball() throws Exception {
    Path tar = ReleaseFixtures.writeTarGz(ReleaseFixtures.release153(), temp.resolve("t.tar.gz"));
    Result result = run("genesis", "verify", tar.toString());
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("valid: iteration 153, chain id 39438153");
  }

  @Test
  void verifyExitsTwoAndListsEveryProblem() throws Exception {
    Path dir =
        ReleaseFixtures.writeFolder(
            ReleaseFixtures.release153()
                .without("deploy_block.txt")
                .with("genesis_validators_root.txt", "0x" + "00".repeat(32)),
            temp.resolve("r"));
    Result result = run("genesis", "verify", dir.toString(), "--output", "json");

    assertThat(result.code()).isEqualTo(2);
    JsonNode json = result.json();
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("iteration").asInt()).isEqualTo(153);
    assertThat(json.get("problems")).hasSize(2);
    assertThat(json.get("problems").toString())
        .contains("missing-file: deploy_block.txt")
        .contains("validators-root-mismatch: genesis_validators_root.txt");
  }

  @Test
  void verifyReportsARefusedArchiveAsInvalid() throws Exception {
    Path tar = SafeArchives.symlinkArchive(temp.resolve("evil.tar.gz"));
    Result result = run("genesis", "verify", tar.toString(), "--output", "json");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.json().get("valid").asBoolean()).isFalse();
    assertThat(result.json().get("problems").toString()).contains("symlink");
  }

  @Test
  void verifyOfAMissingPathIsBadInput() {
    Result result = run("genesis", "verify", temp.resolve("nope").toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("no such folder or file");
  }

  @Test
  void genesisWithoutSubcommandIsAUsageError() {
    assertThat(run("genesis").code()).isEqualTo(2);
  }
}
