package dev.ephemery.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.health.Expected;
import dev.ephemery.health.Finding;
import dev.ephemery.health.HealthRules;
import dev.ephemery.health.Observed;
import dev.ephemery.health.Verdict;
import dev.ephemery.inventory.Address;
import dev.ephemery.runtime.HostTarget;
import dev.ephemery.runtime.ssh.SshSessions;
import dev.ephemery.runtime.ssh.SshStreams;
import dev.ephemery.testkit.BeaconApiStandIn;
import dev.ephemery.testkit.EthereumJsNode;
import dev.ephemery.testkit.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EL probe against a real execution client ({@code @ethereumjs/client}, dev chain) and the CL
 * probe against the loopback Beacon API stand-in, each reached from this machine and through the
 * real sshd's {@code direct-tcpip} channels, as for an ssh:// host.
 */
class NodeProbesIT {

  static Path jwt;
  static EthereumJsNode el;

  static final long PERIOD = 2_419_200L;
  static final Instant GENESIS = Instant.ofEpochSecond(1_763_000_000L);

  @BeforeAll
  static void start() throws Exception {
    jwt = Files.createTempFile("jwt", ".hex");
    Files.writeString(jwt, "ab".repeat(32));
    el = EthereumJsNode.start(jwt);
  }

  @AfterAll
  static void stop() throws Exception {
    if (el != null) {
      el.close();
    }
    Files.deleteIfExists(jwt);
  }

  static Expected expecting(long chainId) {
    return new Expected(
        153, chainId, GENESIS, GENESIS.plusSeconds(PERIOD), PERIOD, "0x" + "ab".repeat(32), true);
  }

  static NodeHttp sshHttp() {
    SshTarget ssh = SshTarget.fromEnvironment();
    HostTarget target =
        new HostTarget(
            "probe-it",
            new Address.Ssh(ssh.user(), ssh.host(), ssh.port()),
            ssh.privateKey(),
            ssh.knownHosts());
    return new NodeHttp(
        new SshStreams(() -> SshSessions.open(target), "ssh"),
        Clock.systemUTC(),
        Duration.ofSeconds(5));
  }

  static Finding check(List<Finding> findings, String check) {
    return findings.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow();
  }

  void judgesARealExecutionClient(NodeHttp http) {
    List<Observed.ClockReading> clock = new ArrayList<>();
    Observed.Execution seen = ExecutionProbe.observe(http, "127.0.0.1", el.rpcPort(), clock);

    assertThat(seen.error()).as(el.logText()).isNull();
    assertThat(seen.chainId()).isPositive();
    assertThat(seen.syncing()).isNotNull();
    assertThat(seen.peers()).isZero(); // a dev chain with discovery off
    assertThat(seen.headNumber()).isNotNull();

    List<Finding> right = HealthRules.execution(seen, expecting(seen.chainId()), Instant.now());
    assertThat(check(right, "chain").verdict()).isEqualTo(Verdict.OK);
    assertThat(check(right, "peers").verdict()).isEqualTo(Verdict.WARN);

    List<Finding> wrong = HealthRules.execution(seen, expecting(39_438_153L), Instant.now());
    assertThat(check(wrong, "chain").verdict()).isEqualTo(Verdict.FAIL);
    assertThat(check(wrong, "chain").detail())
        .contains("eth_chainId is " + seen.chainId())
        .contains("39438153");

    assertThat(clock).as("the client's Date header").isNotEmpty();
    assertThat(HealthRules.clock(clock).verdict()).isEqualTo(Verdict.OK);
  }

  @Test
  void executionProbeFromThisMachine() {
    try (NodeHttp http =
        new NodeHttp(new LocalStreams(), Clock.systemUTC(), Duration.ofSeconds(5))) {
      judgesARealExecutionClient(http);
    }
  }

  @Test
  void executionProbeThroughSsh() {
    try (NodeHttp http = sshHttp()) {
      judgesARealExecutionClient(http);
    }
  }

  @Test
  void aClosedPortIsUnreachableWithItsReason() {
    try (NodeHttp http =
        new NodeHttp(new LocalStreams(), Clock.systemUTC(), Duration.ofSeconds(2))) {
      Observed.Execution seen =
          ExecutionProbe.observe(
              http, "127.0.0.1", EthereumJsNode.freeLoopbackPort(), new ArrayList<>());
      assertThat(seen.error()).containsIgnoringCase("refused");
      assertThat(HealthRules.execution(seen, expecting(1), Instant.now()))
          .singleElement()
          .satisfies(f -> assertThat(f.verdict()).isEqualTo(Verdict.FAIL));
    }
  }

  void judgesABeaconNode(NodeHttp http) {
    try (BeaconApiStandIn cl = BeaconApiStandIn.start()) {
      cl.genesis(GENESIS.getEpochSecond(), "0x" + "ab".repeat(32), "0x10000000")
          .synced(1234)
          .peers(7);
      List<Observed.ClockReading> clock = new ArrayList<>();
      Observed.Consensus seen = ConsensusProbe.observe(http, "127.0.0.1", cl.port(), clock);
      assertThat(seen.error()).isNull();
      List<Finding> good = HealthRules.consensus(seen, expecting(1));
      assertThat(good).allMatch(f -> f.verdict() == Verdict.OK, good.toString());
      assertThat(check(good, "peers").detail()).contains("7 peers");
      assertThat(clock).isNotEmpty();

      cl.genesis(GENESIS.getEpochSecond() - PERIOD, "0x" + "cd".repeat(32), "0x10000000")
          .syncing(50, 900);
      List<Finding> previous =
          HealthRules.consensus(
              ConsensusProbe.observe(http, "127.0.0.1", cl.port(), clock), expecting(1));
      assertThat(check(previous, "genesis").verdict()).isEqualTo(Verdict.FAIL);
      assertThat(check(previous, "genesis").detail()).contains("still on iteration 152");
      assertThat(check(previous, "health").verdict()).isEqualTo(Verdict.WARN);
      assertThat(check(previous, "sync").detail()).contains("sync distance 900");
    }
  }

  @Test
  void consensusProbeFromThisMachine() {
    try (NodeHttp http =
        new NodeHttp(new LocalStreams(), Clock.systemUTC(), Duration.ofSeconds(5))) {
      judgesABeaconNode(http);
    }
  }

  @Test
  void consensusProbeThroughSsh() {
    try (NodeHttp http = sshHttp()) {
      judgesABeaconNode(http);
    }
  }
}
