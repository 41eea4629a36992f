package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ephemery.client.ClientProfiles;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanCommandTest {
  @TempDir Path temp;
  Path release;

  @BeforeEach
  void release() {
    release = Fixtures.releaseFolder(temp.resolve("ephemery-153"));
    PlanInputs.cacheRootOverride = temp.resolve("empty-cache");
  }

  @AfterEach
  void reset() {
    PlanInputs.cacheRootOverride = null;
    PlanCommand.clock = java.time.Clock.systemUTC();
  }

  @org.junit.jupiter.api.Test
  void warnsWhenTheReleasePeriodHasEnded() {
    Path file = inventory("geth", "lighthouse", "upstream");
    PlanCommand.clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2025-11-21T00:00:00Z"), java.time.ZoneOffset.UTC);
    CliRun current = CliRun.of("plan", "-f", file.toString(), "--release", release.toString());
    assertThat(current.code()).as(current.err()).isZero();
    assertThat(current.err()).doesNotContain("warning");

    PlanCommand.clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-01-20T00:00:00Z"), java.time.ZoneOffset.UTC);
    CliRun stale = CliRun.of("plan", "-f", file.toString(), "--release", release.toString());
    assertThat(stale.code()).as(stale.err()).isZero();
    assertThat(stale.err())
        .contains("warning: release ephemery-153 (iteration 153) is out of date")
        .contains("its period ended at 2025-12-18T19:00:00Z")
        .contains("iteration 155 (chain id 39438155) is current at 2026-01-20T00:00:00Z");
  }

  Path inventory(String el, String cl, String flavor) {
    Path file = temp.resolve(el + "-" + cl + "-" + flavor + ".yaml");
    CliRun init =
        CliRun.of(
            "init",
            "--el",
            el,
            "--cl",
            cl,
            "--flavor",
            flavor,
            "--validator",
            "--force",
            "-o",
            file.toString());
    assertThat(init.code()).as(init.err()).isZero();
    try {
      return InitInventories.withValidatorKeys(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Stream<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (ExecutionClient el : ExecutionClient.values()) {
      for (ConsensusClient cl : ConsensusClient.values()) {
        pairs.add(Arguments.of(el.id(), cl.id(), "upstream"));
        if (ClientProfiles.execution(el).wrapperImage().isPresent()
            && ClientProfiles.beacon(cl).wrapperImage().isPresent()) {
          pairs.add(Arguments.of(el.id(), cl.id(), "wrapper"));
        }
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} + {1} ({2})")
  @MethodSource("pairs")
  void plansEveryPairFromAnInitInventory(String el, String cl, String flavor) throws Exception {
    CliRun run =
        CliRun.of(
            "plan",
            "-f",
            inventory(el, cl, flavor).toString(),
            "--release",
            release.toString(),
            "--output",
            "json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode services = run.json().at("/hosts/0/services");
    List<String> clients = new ArrayList<>();
    services.forEach(s -> clients.add(s.get("client").asText()));
    assertThat(clients).contains(el, cl);
    services.forEach(
        s ->
            s.get("ports")
                .forEach(
                    p -> {
                      if (p.get("container").asInt() == 8551) {
                        assertThat(p.get("host").isNull()).isTrue();
                      }
                    }));
  }

  @Test
  void textOutputSummarisesEachHost() {
    CliRun run =
        CliRun.of(
            "plan",
            "-f",
            inventory("geth", "lighthouse", "upstream").toString(),
            "--release",
            release.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("iteration 153", "network ephemery-node1", "jwt-secret 0600")
        .contains("1. ephemery-node1-geth-init  init  ethereum/client-go:v1.17.5  (runs once)")
        .contains("--networkid=39438153")
        .contains("engine 8551/tcp (node network only)");
  }

  @Test
  void withoutAReleaseItSaysHowToGetOne() {
    CliRun run = CliRun.of("plan", "-f", inventory("geth", "lighthouse", "upstream").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("ephemery genesis fetch").contains("--release");
  }

  @Test
  void usesTheNewestCachedRelease() throws Exception {
    Path cache = temp.resolve("cache");
    CliRun fetch =
        CliRun.of("genesis", "fetch", "--from", release.toString(), "--dest", cache.toString());
    assertThat(fetch.code()).as(fetch.err()).isZero();
    PlanInputs.cacheRootOverride = cache;
    CliRun run =
        CliRun.of(
            "plan",
            "-f",
            inventory("geth", "lighthouse", "upstream").toString(),
            "--output",
            "json");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.json().at("/hosts/0/iteration").asInt()).isEqualTo(153);
  }

  @Test
  void preflightProblemsStopThePlanWithExitTwo() throws Exception {
    Path file = inventory("geth", "lighthouse", "upstream");
    String text = Files.readString(file);
    int consensus = text.indexOf("extraArgs: []", text.indexOf("consensus:"));
    Files.writeString(
        file,
        text.substring(0, consensus)
            + "extraArgs: [\"--network=ephemery\"]"
            + text.substring(consensus + "extraArgs: []".length()));
    CliRun run = CliRun.of("plan", "-f", file.toString(), "--release", release.toString());
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .containsPattern(
            "hosts\\[0]\\.consensus\\.extraArgs \\(line \\d+\\): lighthouse has no built-in")
        .contains("--testnet-dir=/testnet");
    CliRun check = CliRun.of("check", "-f", file.toString(), "--no-probe");
    assertThat(check.code()).isEqualTo(2);
    assertThat(check.err()).contains("no built-in Ephemery network");
  }

  @Test
  void anUnknownHostIsBadInput() {
    CliRun run =
        CliRun.of(
            "plan",
            "-f",
            inventory("geth", "lighthouse", "upstream").toString(),
            "--release",
            release.toString(),
            "--host",
            "nope");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("no host named 'nope'");
  }
}
