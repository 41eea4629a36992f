package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryParserTest {

  static final String TWO_HOSTS =
      """
      network: ephemery
      defaults:
        flavor: wrapper
        baseDir: /srv/ephemery
        sshKeyFile: ~/.ssh/ephemery
        execution: { client: nethermind, extraArgs: ["--Pruning.Mode=Hybrid"] }
        consensus: { client: teku, checkpointSyncUrl: "https://checkpoint-sync.ephemery.ethpandaops.io" }
        monitoring: { enabled: false, grafanaPort: 3100 }
      hosts:
        - name: node1
          address: ssh://ops@node1.example.org
        - name: node2
          address: ssh://ops@10.0.0.2:2222
          flavor: upstream
          execution: { client: geth, p2pPort: 30304 }
          consensus: { extraArgs: [] }
          validator:
            enabled: true
            client: lighthouse
            keysDir: /srv/keys
            graffiti: "ephemery ✓"
            feeRecipient: "0x00000000219ab540356cBB839Cbe05303d7705Fa"
          monitoring: { enabled: true }
      """;

  @Test
  void twoHostsWhoseContainerNamesWouldBeTheSameAreRefused() {
    InventoryParser.Result result =
        InventoryParser.validate(
            """
            defaults: { execution: { client: geth }, consensus: { client: lighthouse } }
            hosts:
              - { name: node1, address: "ssh://ops@a.example.org", baseDir: /a }
              - { name: ephemery-node1, address: "ssh://ops@b.example.org", baseDir: /b }
            """,
            "x.yaml");
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.where()).isEqualTo("hosts[1].name"))
        .satisfies(p -> assertThat(p.message()).contains("ephemery-node1-..."));
    assertThat(Host.stackName("ephemery-node1")).isEqualTo("ephemery-node1");
    assertThat(Host.stackName("node1")).isEqualTo("ephemery-node1");
  }

  @Test
  void hostsInheritDefaultsAndTheirOwnKeysWin() {
    Inventory inventory = InventoryParser.parse(TWO_HOSTS, "two.yaml");

    assertThat(inventory.network()).isEqualTo("ephemery");
    assertThat(inventory.source()).isEqualTo("two.yaml");
    Host node1 = inventory.host("node1").orElseThrow();
    assertThat(node1.address()).isEqualTo(new Address.Ssh("ops", "node1.example.org", 22));
    assertThat(node1.flavor()).isEqualTo(Flavor.WRAPPER);
    assertThat(node1.baseDir()).isEqualTo("/srv/ephemery");
    assertThat(node1.sshKeyFile()).isEqualTo("~/.ssh/ephemery");
    assertThat(node1.execution().client()).isEqualTo(ExecutionClient.NETHERMIND);
    assertThat(node1.execution().extraArgs()).containsExactly("--Pruning.Mode=Hybrid");
    assertThat(node1.consensus().client()).isEqualTo(ConsensusClient.TEKU);
    assertThat(node1.validator().enabled()).isFalse();
    assertThat(node1.validator().client()).isEqualTo(ConsensusClient.TEKU);
    assertThat(node1.monitoring().enabled()).isFalse();
    assertThat(node1.monitoring().grafanaPort()).isEqualTo(3100);
    assertThat(node1.monitoring().prometheusPort()).isEqualTo(9090);

    Host node2 = inventory.host("node2").orElseThrow();
    assertThat(node2.address()).isEqualTo(new Address.Ssh("ops", "10.0.0.2", 2222));
    assertThat(node2.flavor()).isEqualTo(Flavor.UPSTREAM);
    assertThat(node2.execution().client()).isEqualTo(ExecutionClient.GETH);
    assertThat(node2.execution().p2pPort()).isEqualTo(30304);
    // lists are replaced, not appended: the host's own list wins as a whole
    assertThat(node2.execution().extraArgs()).containsExactly("--Pruning.Mode=Hybrid");
    assertThat(node2.consensus().extraArgs()).isEmpty();
    assertThat(node2.consensus().client()).isEqualTo(ConsensusClient.TEKU);
    assertThat(node2.consensus().checkpointSyncUrl())
        .isEqualTo("https://checkpoint-sync.ephemery.ethpandaops.io");
    assertThat(node2.validator())
        .isEqualTo(
            new ValidatorSpec(
                true,
                ConsensusClient.LIGHTHOUSE,
                null,
                List.of(),
                "/srv/keys",
                "ephemery ✓",
                "0x00000000219ab540356cBB839Cbe05303d7705Fa"));
    assertThat(node2.monitoring().enabled()).isTrue();
    assertThat(node2.monitoring().grafanaPort()).isEqualTo(3100);
  }

  @Test
  void checkpointSyncUrlAutoIsAcceptedAndAnythingElseMustBeAUrl() {
    Inventory inventory =
        InventoryParser.parse(
            """
            hosts:
              - name: a
                address: local
                execution: { client: geth }
                consensus: { client: teku, checkpointSyncUrl: auto }
            """,
            "x");
    assertThat(inventory.hosts().get(0).consensus().checkpointAuto()).isTrue();
    InventoryParser.Result wrong =
        InventoryParser.validate(
            """
            hosts:
              - name: a
                address: local
                execution: { client: geth }
                consensus: { client: teku, checkpointSyncUrl: automatic }
            """,
            "x");
    assertThat(wrong.problems())
        .anySatisfy(p -> assertThat(p.where()).isEqualTo("hosts[0].consensus.checkpointSyncUrl"));
  }

  @Test
  void anEmptyValueUnsetsWhatDefaultsGive() {
    Inventory inventory =
        InventoryParser.parse(
            """
            defaults:
              consensus: { client: lodestar, checkpointSyncUrl: "https://checkpointz.bordel.wtf" }
              execution: { client: reth }
            hosts:
              - name: a
                address: local
                consensus: { checkpointSyncUrl: }
            """,
            "x");
    Host host = inventory.hosts().get(0);
    assertThat(host.consensus().checkpointSyncUrl()).isNull();
    assertThat(host.consensus().client()).isEqualTo(ConsensusClient.LODESTAR);
    assertThat(host.baseDir()).isEqualTo(InventoryDefaults.SYSTEM_BASE_DIR);
    assertThat(inventory.network()).isEqualTo("ephemery");
  }

  @Test
  void reportsEveryProblemWithPathAndLine() {
    InventoryParser.Result result =
        InventoryParser.validate(
            """
            network: ephemery
            hosts:
              - name: node1
                address: ssh://node1
                execution: { client: gethh }
                consensus: { client: lighthouse, extraArgs: "--foo" }
                monitoring: { enabled: maybe }
            """,
            "x");

    assertThat(result.valid()).isFalse();
    assertThat(result.problems())
        .extracting(Problem::where, Problem::line)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("hosts[0].address", 4),
            org.assertj.core.groups.Tuple.tuple("hosts[0].execution.client", 5),
            org.assertj.core.groups.Tuple.tuple("hosts[0].consensus.extraArgs", 6),
            org.assertj.core.groups.Tuple.tuple("hosts[0].monitoring.enabled", 7));
    assertThat(result.problems())
        .filteredOn(p -> p.where().equals("hosts[0].execution.client"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).isEqualTo("'gethh' is not a supported execution client");
              assertThat(p.hint())
                  .isEqualTo(
                      "did you mean 'geth'? supported: geth, nethermind, besu, erigon, reth");
            });
  }

  @Test
  void theSupervisorsStatusPortDefaultsTo9777AndMustNotClashWithTheHostsOtherPorts() {
    Inventory inventory = InventoryParser.parse(TWO_HOSTS, "two.yaml");
    assertThat(inventory.hosts()).allMatch(h -> h.supervisor().port() == 9777);

    String own = TWO_HOSTS.replace("monitoring: { enabled: true }", "supervisor: { port: 9788 }");
    assertThat(
            InventoryParser.parse(own, "own.yaml").host("node2").orElseThrow().supervisor().port())
        .isEqualTo(9788);

    String clash =
        TWO_HOSTS.replace(
            "monitoring: { enabled: true }",
            "monitoring: { enabled: true }\n    supervisor: { port: 9090 }");
    assertThatThrownBy(() -> InventoryParser.parse(clash, "clash.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hosts[1].supervisor.port")
        .hasMessageContaining("port 9090 is also used by monitoring.prometheusPort");
  }

  @Test
  void monitoringIsPublishedOnLoopbackUnlessBindSaysOtherwise() {
    Inventory inventory = InventoryParser.parse(TWO_HOSTS, "two.yaml");
    assertThat(inventory.hosts())
        .allSatisfy(
            h -> {
              assertThat(h.monitoring().bind()).isEqualTo("127.0.0.1");
              assertThat(h.monitoring().loopbackOnly()).isTrue();
            });

    String lan =
        TWO_HOSTS.replace("monitoring: { enabled: true }", "monitoring: { bind: 10.0.0.2 }");
    MonitoringSpec node2 =
        InventoryParser.parse(lan, "lan.yaml").host("node2").orElseThrow().monitoring();
    assertThat(node2.bind()).isEqualTo("10.0.0.2");
    assertThat(node2.loopbackOnly()).isFalse();

    InventoryParser.Result bad =
        InventoryParser.validate(
            """
            defaults: { execution: { client: geth }, consensus: { client: teku } }
            hosts:
              - { name: a, address: local, baseDir: /a, monitoring: { bind: 256.0.0.1 } }
              - { name: b, address: local, baseDir: /b, monitoring: { bind: localhost } }
              - { name: c, address: local, baseDir: /c, monitoring: { bind: "::1" } }
              - { name: d, address: local, baseDir: /d, monitoring: { bind: 010.0.0.1 } }
              - { name: e, address: local, baseDir: /e, monitoring: { bind: 7 } }
            """,
            "bad.yaml");
    assertThat(bad.problems())
        .extracting(Problem::where, Problem::line)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("hosts[0].monitoring.bind", 3),
            org.assertj.core.groups.Tuple.tuple("hosts[1].monitoring.bind", 4),
            org.assertj.core.groups.Tuple.tuple("hosts[2].monitoring.bind", 5),
            org.assertj.core.groups.Tuple.tuple("hosts[3].monitoring.bind", 6),
            org.assertj.core.groups.Tuple.tuple("hosts[4].monitoring.bind", 7));
    assertThat(bad.problems().get(0).message()).isEqualTo("'256.0.0.1' is not an IPv4 address");
    assertThat(bad.problems().get(0).hint()).contains("127.0.0.1");
  }

  @Test
  void theJsonRpcHostPortIsUnsetByDefaultAndMustNotClashWithTheHostsOtherPorts() {
    Inventory inventory = InventoryParser.parse(TWO_HOSTS, "two.yaml");
    assertThat(inventory.hosts()).allMatch(h -> h.execution().rpcPort() == null);

    String own = TWO_HOSTS.replace("p2pPort: 30304 }", "p2pPort: 30304, rpcPort: 8546 }");
    Host node2 = InventoryParser.parse(own, "own.yaml").host("node2").orElseThrow();
    assertThat(node2.execution().rpcPort()).isEqualTo(8546);
    assertThat(node2.execution().p2pPort()).isEqualTo(30304);

    String inDefaults =
        TWO_HOSTS.replace(
            "execution: { client: nethermind,", "execution: { client: nethermind, rpcPort: 18545,");
    assertThat(InventoryParser.parse(inDefaults, "defaults.yaml").hosts())
        .allMatch(h -> h.execution().rpcPort() == 18545);

    String clash = TWO_HOSTS.replace("p2pPort: 30304 }", "p2pPort: 30304, rpcPort: 3100 }");
    assertThatThrownBy(() -> InventoryParser.parse(clash, "clash.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hosts[1].monitoring.grafanaPort")
        .hasMessageContaining("port 3100 is also used by execution.rpcPort");

    String outOfRange = TWO_HOSTS.replace("p2pPort: 30304 }", "p2pPort: 30304, rpcPort: 70000 }");
    assertThatThrownBy(() -> InventoryParser.parse(outOfRange, "range.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hosts[1].execution.rpcPort")
        .hasMessageContaining("70000 is not a port");
  }

  @Test
  void theBeaconRestHostPortIsUnsetByDefaultAndMustNotClashWithTheHostsOtherPorts() {
    assertThat(InventoryParser.parse(TWO_HOSTS, "two.yaml").hosts())
        .allMatch(h -> h.consensus().restPort() == null);

    String own =
        TWO_HOSTS.replace(
            "consensus: { extraArgs: [] }", "consensus: { extraArgs: [], restPort: 5053 }");
    Host node2 = InventoryParser.parse(own, "own.yaml").host("node2").orElseThrow();
    assertThat(node2.consensus().restPort()).isEqualTo(5053);

    String clash =
        TWO_HOSTS.replace(
            "consensus: { extraArgs: [] }", "consensus: { extraArgs: [], restPort: 3100 }");
    assertThatThrownBy(() -> InventoryParser.parse(clash, "clash.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port 3100 is also used by consensus.restPort");

    String outOfRange =
        TWO_HOSTS.replace(
            "consensus: { extraArgs: [] }", "consensus: { extraArgs: [], restPort: 0 }");
    assertThatThrownBy(() -> InventoryParser.parse(outOfRange, "range.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("hosts[1].consensus.restPort");
  }

  @Test
  void suggestsTheClosestKeyForATypo() {
    List<Problem> problems =
        InventoryParser.validate(
                """
                hosts:
                  - name: a
                    address: local
                    execution: { client: geth }
                    consensus: { client: teku, checkpointSyncURL: "https://x.org" }
                    monitorng: { enabled: true }
                """,
                "x")
            .problems();
    assertThat(problems)
        .extracting(Problem::where, Problem::hint)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "hosts[0].consensus.checkpointSyncURL", "did you mean 'checkpointSyncUrl'?"),
            org.assertj.core.groups.Tuple.tuple(
                "hosts[0].monitorng", "did you mean 'monitoring'?"));
  }

  @Test
  void throwsOneExceptionCarryingAllProblems() {
    assertThatThrownBy(() -> InventoryParser.parse("hosts:\n  - name: A\n  - name: b\n", "x"))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> assertThat(((InvalidInputException) e).problems()).hasSizeGreaterThanOrEqualTo(5));
  }

  @Test
  void readsYamlBooleansAndQuotedNumbersAsTheSchemaSays() {
    Inventory inventory =
        InventoryParser.parse(
            """
            hosts:
              - name: "1"
                address: local
                execution: { client: erigon, image: "erigontech/erigon:v3.0.0" }
                consensus: { client: nimbus }
                validator: { enabled: yes, graffiti: "1234" }
                monitoring: { enabled: off }
            """,
            "x");
    Host host = inventory.hosts().get(0);
    assertThat(host.name()).isEqualTo("1");
    assertThat(host.validator().enabled()).isTrue();
    assertThat(host.validator().graffiti()).isEqualTo("1234");
    assertThat(host.monitoring().enabled()).isFalse();
    assertThat(host.execution().image()).isEqualTo("erigontech/erigon:v3.0.0");
  }

  @Test
  void hostsOnDifferentMachinesMayShareABaseDir() {
    Inventory inventory =
        InventoryParser.parse(
            """
            defaults: { execution: { client: besu }, consensus: { client: prysm } }
            hosts:
              - { name: a, address: "ssh://ops@a.example.org" }
              - { name: b, address: "ssh://ops@b.example.org" }
              - { name: c, address: local, baseDir: /opt/ephemery/c }
              - { name: d, address: local, baseDir: /opt/ephemery/d }
            """,
            "x");
    assertThat(inventory.hosts()).extracting(Host::name).containsExactly("a", "b", "c", "d");
  }

  @Test
  void nestedBaseDirsOnOneMachineAreRejected() {
    List<Problem> problems =
        InventoryParser.validate(
                """
                defaults: { execution: { client: besu }, consensus: { client: prysm } }
                hosts:
                  - { name: a, address: "ssh://ops@a.example.org", baseDir: /opt/ephemery }
                  - { name: b, address: "ssh://root@a.example.org", baseDir: /opt/ephemery/b/ }
                """,
                "x")
            .problems();
    assertThat(problems).singleElement().extracting(Problem::where).isEqualTo("hosts[1].baseDir");
  }

  @Test
  void refusesBillionLaughsQuickly() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 12; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 8; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    long start = System.nanoTime();
    InventoryParser.Result result = InventoryParser.validate(yaml.toString(), "x");
    assertThat(result.valid()).isFalse();
    assertThat(result.problems().get(0).hint()).contains("aliases");
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void boundsAliasExpansionBelowTheAliasLimit() {
    // 5 levels x 6 aliases = 30 aliases (under the limit) but 6^5 = 7776 lists when expanded
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x]\n");
    for (int i = 1; i <= 5; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 6; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    yaml.append("b: *a5\nc: *a5\nd: *a5\n");
    InventoryParser.Result result = InventoryParser.validate(yaml.toString(), "x");
    assertThat(result.problems())
        .anySatisfy(p -> assertThat(p.message()).contains("too large or too deeply nested"));
  }

  @Test
  void neverInstantiatesTypesFromTags() {
    InventoryParser.Result result =
        InventoryParser.validate(
            "hosts: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                + " [\"http://127.0.0.1:1/\"]]]]\n",
            "x");
    assertThat(result.valid()).isFalse();
    assertThat(result.problems().get(0).message()).contains("Global tag is not allowed");
  }
}
