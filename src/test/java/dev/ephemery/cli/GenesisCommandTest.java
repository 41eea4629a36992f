package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.testing.LoopbackServer;
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
  void showBeforeThe28DayPeriodUsesTheSevenDayOne() throws Exception {
    Result result = run("genesis", "show", "--at", "2024-06-30T00:00:00Z", "--output", "json");

    assertThat(result.code()).as(result.err()).isZero();
    JsonNode json = result.json();
    // ephemery-134 (ephemery-genesis values.env): GENESIS_TIMESTAMP 1719514800, delay 300 s.
    assertThat(json.get("iteration").asInt()).isEqualTo(134);
    assertThat(json.get("chainId").asLong()).isEqualTo(39_438_134L);
    assertThat(json.get("elGenesisTime").asText()).isEqualTo("2024-06-27T19:00:00Z");
    assertThat(json.get("clGenesisTime").asText()).isEqualTo("2024-06-27T19:05:00Z");
    assertThat(json.get("resetPeriod").asLong()).isEqualTo(604_800L);
    assertThat(json.get("nextReset").asText()).isEqualTo("2024-07-04T19:00:00Z");
  }

  @Test
  void showRefusesAnInstantBeforeTheSevenDayPeriod() {
    Result result = run("genesis", "show", "--at", "2022-12-01T00:00:00Z");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("--at")
        .contains("2023-02-09T19:00:00Z")
        .contains("not reconstructed")
        .doesNotContain("2014")
        .doesNotContain("\tat ");
    Result older = run("genesis", "show", "--at", "2020-01-01T00:00:00Z");
    assertThat(older.code()).isEqualTo(2);
    assertThat(older.err()).contains("first genesis (2022-11-14T19:00:00Z)");
  }

  @Test
  void showRefusesAFarFutureInstantAsBadInput() throws Exception {
    Result result = run("genesis", "show", "--at", "+1000000000-01-01T00:00:00Z");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--at").contains("9999-12-31T23:59:59Z");
    assertThat(result.err()).doesNotContain("\tat ").doesNotContain("ArithmeticException");

    Path dir = ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), temp.resolve("r"));
    Result withRelease =
        run("genesis", "show", "--at", "+1000000000-01-01T00:00:00Z", "--release", dir.toString());
    assertThat(withRelease.code()).isEqualTo(2);
    assertThat(withRelease.err()).contains("--at");
  }

  @Test
  void showSaysAReleaseHadNotStartedBeforeItsGenesis() throws Exception {
    Path dir = ReleaseFixtures.writeFolder(ReleaseFixtures.release153(), temp.resolve("r"));
    Result json =
        run(
            "genesis",
            "show",
            "--at",
            "2025-11-01T00:00:00Z",
            "--release",
            dir.toString(),
            "--output",
            "json");

    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json().get("started").asBoolean()).isFalse();
    assertThat(json.json().get("ranInstead").get("iteration").asInt()).isEqualTo(152);
    assertThat(json.json().get("ranInstead").get("source").asText()).isEqualTo("predicted");

    Result text =
        run("genesis", "show", "--at", "2025-11-01T00:00:00Z", "--release", dir.toString());
    assertThat(text.out())
        .contains("(iteration 153) had not started at 2025-11-01T00:00:00Z")
        .contains("its EL genesis is 2025-11-20T19:00:00Z")
        .contains("running then: iteration 152 (chain id 39438152");
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
    Path tar = TestArchives.symlink(temp.resolve("evil.tar.gz"));
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

  @Test
  void fetchDownloadsVerifiesAndInstallsFromAUrl() throws Exception {
    byte[] tarball = ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153());
    try (LoopbackServer server = new LoopbackServer()) {
      server.on("/testnet-all.tar.gz", LoopbackServer.bytes(tarball));
      String url = server.uri("/testnet-all.tar.gz").toString();
      Path dest = temp.resolve("cache");

      Result result =
          run("genesis", "fetch", "--url", url, "--dest", dest.toString(), "--output", "json");

      assertThat(result.code()).as(result.err()).isZero();
      assertThat(result.json().get("folder").asText())
          .isEqualTo(dest.resolve("ephemery-153").toString());
      assertThat(result.json().get("iteration").asInt()).isEqualTo(153);
      assertThat(result.json().get("sha256").asText()).hasSize(64);
      assertThat(dest.resolve("ephemery-153/genesis.ssz")).exists();

      Result text = run("genesis", "fetch", "--url", url, "--dest", dest.toString());
      assertThat(text.out().strip()).isEqualTo(dest.resolve("ephemery-153").toString());
    }
  }

  @Test
  void fetchRefusesAnInconsistentReleaseAndInstallsNothing() throws Exception {
    byte[] tarball =
        ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153().with("deploy_block.txt", ""));
    try (LoopbackServer server = new LoopbackServer()) {
      server.on("/t.tar.gz", LoopbackServer.bytes(tarball));
      Path dest = temp.resolve("cache");

      Result result =
          run(
              "genesis",
              "fetch",
              "--url",
              server.uri("/t.tar.gz").toString(),
              "--dest",
              dest.toString());

      assertThat(result.code()).isEqualTo(1);
      assertThat(result.err()).contains("empty-file: deploy_block.txt").doesNotContain("\tat ");
      assertThat(dest.resolve("ephemery-153")).doesNotExist();
    }
  }

  @Test
  void fetchInstallsFromALocalTarball() throws Exception {
    Path tar = ReleaseFixtures.writeTarGz(ReleaseFixtures.release153(), temp.resolve("t.tar.gz"));
    Result result =
        run("genesis", "fetch", "--from", tar.toString(), "--dest", temp.resolve("c").toString());
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(temp.resolve("c/ephemery-153/config.yaml")).exists();
  }

  @Test
  void fetchRejectsABadIterationOption() {
    Result result = run("genesis", "fetch", "--iteration", "soon", "--dest", temp.toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--iteration");
  }

  @Test
  void fetchAsksTheApiForTheIterationThenFallsBackToTheAssetUrl() throws Exception {
    byte[] tarball = ReleaseFixtures.tarGzBytes(ReleaseFixtures.release153());
    try (LoopbackServer server = new LoopbackServer()) {
      String asset =
          "/ephemery-testnet/ephemery-genesis/releases/download/ephemery-153/testnet-all.tar.gz";
      server.on(
          "/repos/ephemery-testnet/ephemery-genesis/releases/tags/ephemery-153",
          LoopbackServer.status(
              403,
              java.util.Map.of("x-ratelimit-remaining", "0", "x-ratelimit-reset", "1763688000")));
      server.on(asset, LoopbackServer.bytes(tarball));
      String base = server.base().toString();
      Path dest = temp.resolve("cache");

      Result result =
          run(
              "genesis",
              "fetch",
              "--iteration",
              "153",
              "--dest",
              dest.toString(),
              "--github-api",
              base,
              "--download-base",
              base,
              "--mirror",
              base,
              "--output",
              "json");

      assertThat(result.code()).as(result.err()).isZero();
      assertThat(result.json().get("origin").asText()).isEqualTo(base + asset);
      // Asked again, the installed iteration is used without the network.
      int before = server.requests().size();
      assertThat(
              run(
                      "genesis",
                      "fetch",
                      "--iteration",
                      "153",
                      "--dest",
                      dest.toString(),
                      "--github-api",
                      base)
                  .code())
          .isZero();
      assertThat(server.requests()).hasSize(before);
    }
  }
}
