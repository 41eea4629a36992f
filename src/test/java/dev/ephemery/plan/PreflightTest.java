package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.Problem;
import dev.ephemery.inventory.Address;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.inventory.Inventory;
import dev.ephemery.inventory.ValidatorSpec;
import dev.ephemery.network.Release;
import dev.ephemery.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Each failure of the Ansible deployment this tool replaces (ephemery-facts.md section 6), and each
 * pitfall of the client references, is rejected before anything changes, naming cause and fix. Not
 * here: the Prometheus YAML error, the missing Grafana datasource and the default Grafana password
 * belong to the monitoring checks; the reset reading `.genesis_time` from genesis.json belongs to
 * release parsing; host/user extraction and the hand-installed cron job to the inventory and the
 * supervisor.
 */
class PreflightTest {
  static final Release RELEASE = Fixtures.release153();

  static List<Problem> check(Inventory inventory) {
    return Preflight.check(inventory, RELEASE);
  }

  static Fixtures.HostBuilder gethLighthouse() {
    return Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE);
  }

  @Test
  void theDefaultPairPasses() {
    assertThat(check(gethLighthouse().validator(ConsensusClient.LIGHTHOUSE).inventory())).isEmpty();
  }

  @Nested
  class AnsibleFailures {
    @Test
    void lighthouseGivenNetworkEphemery() {
      for (var args : List.of(List.of("--network", "ephemery"), List.of("--network=ephemery"))) {
        var problems = check(gethLighthouse().clArgs(args.toArray(String[]::new)).inventory());
        assertThat(problems)
            .singleElement()
            .satisfies(p -> assertThat(p.where()).isEqualTo("hosts[0].consensus.extraArgs"))
            .satisfies(p -> assertThat(p.message()).contains("no built-in Ephemery network"))
            .satisfies(
                p ->
                    assertThat(p.hint())
                        .contains("remove --network ephemery")
                        .contains("--testnet-dir=/testnet"));
      }
    }

    @Test
    void wrapperGethGivenGethAsItsCommand() {
      var problems =
          check(
              gethLighthouse()
                  .flavor(Flavor.WRAPPER)
                  .elArgs("geth", "--datadir=/data")
                  .inventory());
      assertThat(problems)
          .anySatisfy(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[0].execution.extraArgs[0]");
                assertThat(p.message())
                    .contains("repeat the binary name 'geth'")
                    .contains("entrypoint already runs geth")
                    .contains("invalid command");
                assertThat(p.hint()).contains("remove 'geth'");
              });
    }

    @Test
    void wrapperImageUnderTheUpstreamFlavorWouldBeResetTwiceAndInitThroughTheWrapper() {
      var problems = check(gethLighthouse().elImage("pk910/ephemery-geth:latest").inventory());
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[0].execution.image");
                assertThat(p.message()).contains("wrapper image").contains("init");
                assertThat(p.hint()).contains("flavor: wrapper");
              });
    }

    @Test
    void gethInitNeverRunsThroughTheWrapperImage() {
      // The reset script ran `geth init` through pk910/ephemery-geth, whose entrypoint already
      // runs geth. Upstream: init uses the upstream image; wrapper: the wrapper inits itself.
      for (Flavor flavor : Flavor.values()) {
        var inventory = gethLighthouse().flavor(flavor).inventory();
        assertThat(check(inventory)).isEmpty();
        var services = new Planner().plan(inventory, RELEASE).hosts().get(0).services();
        assertThat(services)
            .filteredOn(s -> s.role() == Role.INIT)
            .allSatisfy(
                s -> {
                  assertThat(s.image()).isEqualTo("ethereum/client-go:v1.17.5");
                  assertThat(s.command().get(0)).isEqualTo("init");
                })
            .hasSize(flavor == Flavor.UPSTREAM ? 1 : 0);
      }
    }

    @Test
    void aWrongNetworkId() {
      var problems = check(gethLighthouse().elArgs("--networkid", "38356").inventory());
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.message()).contains("38356").contains("39438153");
                assertThat(p.hint()).contains("remove --networkid");
              });
    }

    @Test
    void aHoleskyCheckpointUrl() {
      for (String url :
          List.of(
              "https://checkpoint-sync.holesky.ethpandaops.io",
              "https://beaconstate-holesky.chainsafe.dev",
              "https://sync-mainnet.beaconcha.in",
              "https://checkpoint-sync.sepolia.ethpandaops.io/",
              "https://hoodi.beaconstate.info")) {
        var problems = check(gethLighthouse().checkpoint(url).inventory());
        assertThat(problems)
            .as(url)
            .singleElement()
            .satisfies(
                p -> {
                  assertThat(p.where()).isEqualTo("hosts[0].consensus.checkpointSyncUrl");
                  assertThat(p.message()).contains("not Ephemery");
                  assertThat(p.hint()).contains("checkpoint-sync.ephemery.ethpandaops.io");
                });
      }
    }

    @Test
    void anEphemeryCheckpointUrlPasses() {
      for (String url : CheckpointUrls.EPHEMERY_PROVIDERS) {
        assertThat(check(gethLighthouse().checkpoint(url).inventory())).as(url).isEmpty();
      }
    }

    @Test
    void aCheckpointServerOnAnotherIterationIsNamedWhenItAnswers() {
      assertThat(
              CheckpointUrls.compareGenesisRoot(
                  "hosts[0].consensus.checkpointSyncUrl",
                  "https://checkpointz.bordel.wtf",
                  "0x" + "11".repeat(32),
                  RELEASE))
          .hasValueSatisfying(
              p ->
                  assertThat(p.message())
                      .contains(RELEASE.genesisValidatorsRoot())
                      .contains("earlier iteration"));
      assertThat(
              CheckpointUrls.compareGenesisRoot(
                  "w", "https://checkpointz.bordel.wtf", RELEASE.genesisValidatorsRoot(), RELEASE))
          .isEmpty();
    }

    @Test
    void executionClientNotReachableByNameIsReplacedByALoopbackEndpoint() {
      // The CL is wired to http://<el container>:8551 on the node network; an endpoint given by
      // hand (loopback or an IP) contradicts it.
      var problems =
          check(gethLighthouse().clArgs("--execution-endpoint=http://127.0.0.1:8551").inventory());
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.message())
                    .contains("--execution-endpoint contradicts")
                    .contains("http://ephemery-node1-geth:8551");
                assertThat(p.hint()).contains("remove --execution-endpoint");
              });
    }
  }

  @Nested
  class Pitfalls {
    @Test
    void removedGethFlagsAreNamedWithTheirReplacement() {
      var problems = check(gethLighthouse().elArgs("--txlookuplimit=0", "--rpc").inventory());
      assertThat(problems).hasSize(2);
      assertThat(problems.get(0).message()).contains("--txlookuplimit was removed from geth");
      assertThat(problems.get(0).hint()).contains("--history.transactions");
      assertThat(problems.get(1).hint()).contains("--http");
    }

    @Test
    void besuArgumentsWithSpacesOrABareStarAreRejected() {
      var problems =
          check(
              Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU)
                  .elArgs("--rpc-http-cors-origins", "*", "--identity=my node")
                  .inventory());
      assertThat(problems)
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.hint()).contains("--host-allowlist=*"));
      assertThat(problems.get(0).where()).isEqualTo("hosts[0].execution.extraArgs[1]");
      assertThat(problems.get(0).message()).contains("bare *");
      assertThat(problems.get(1).message()).contains("spaces");
    }

    @Test
    void engineApiCannotBePublishedThroughTheP2pPort() {
      var problems = check(gethLighthouse().elP2p(8551).inventory());
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[0].execution.p2pPort");
                assertThat(p.message()).contains("Engine API");
              });
    }

    @Test
    void extraArgsDuplicatingGeneratedFlagsAreNamed() {
      var problems = check(gethLighthouse().elArgs("--authrpc.vhosts=*").inventory());
      assertThat(problems)
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("--authrpc.vhosts duplicates"));
      var contradiction =
          check(
              gethLighthouse()
                  .elArgs("--authrpc.addr=0.0.0.0", "--authrpc.port", "8552")
                  .inventory());
      assertThat(contradiction)
          .extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("--authrpc.port contradicts"));
    }

    /** The original Ansible inventory's own el_extra_opts tune geth's sync mode and cache. */
    @Test
    void aTunableDefaultMayBeSetButWiringStaysRefusedWithItsKey() {
      for (var args :
          List.of(
              List.of("--syncmode=snap", "--cache=4096", "--maxpeers=100"),
              List.of("--syncmode", "snap"),
              List.of("-syncmode=snap"))) {
        assertThat(check(gethLighthouse().elArgs(args.toArray(String[]::new)).inventory()))
            .as("%s", args)
            .isEmpty();
      }
      var nimbus =
          Fixtures.host(ExecutionClient.GETH, ConsensusClient.NIMBUS)
              .clArgs("--doppelganger-detection=true")
              .inventory();
      assertThat(check(nimbus)).isEmpty();
      assertThat(check(gethLighthouse().elArgs("--syncmode=snap", "--port=30304").inventory()))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("--port contradicts"))
          .satisfies(p -> assertThat(p.hint()).contains("use p2pPort"));
    }

    @Test
    void repeatableFlagsMayBeAdded() {
      var prysm =
          Fixtures.host(ExecutionClient.GETH, ConsensusClient.PRYSM)
              .clArgs("--bootstrap-node=enr:-extra")
              .inventory();
      assertThat(check(prysm)).isEmpty();
    }

    @Test
    void duplicateHostPortsBetweenServicesAndMonitoringAreNamed() {
      // Teku's REST API is on 127.0.0.1:5051; the EL P2P port moved onto it.
      var problems =
          check(
              Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                  .elP2p(9000)
                  .inventory());
      assertThat(problems)
          .extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("host port 9000/tcp is used twice"));
      var monitoring = check(gethLighthouse().monitoring(9090, 9090, 9100).inventory());
      assertThat(monitoring)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[0].monitoring.grafanaPort");
                assertThat(p.message()).contains("9090/tcp").contains("prometheus");
              });
      var restClash = check(gethLighthouse().monitoring(5052, 3000, 9100).inventory());
      assertThat(restClash)
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("5052/tcp"));
    }

    @Test
    void twoNodesOnOneMachineNeedTheirOwnPortsAndBaseDirs() {
      var inventory =
          Fixtures.inventory(
              gethLighthouse().build(),
              Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU).name("node2").build());
      assertThat(check(inventory))
          .extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("share local and baseDir"))
          .anySatisfy(m -> assertThat(m).contains("30303/tcp is used twice"));
      var separate =
          Fixtures.inventory(
              gethLighthouse().build(),
              Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU)
                  .name("node2")
                  .address(new Address.Ssh("ops", "node2.example.org", 22))
                  .build());
      assertThat(check(separate)).isEmpty();
    }

    @Test
    void twoSupervisorsOnOneMachineNeedTheirOwnStatusPorts() {
      var clash =
          Fixtures.inventory(
              gethLighthouse().build(),
              Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU)
                  .name("node2")
                  .baseDir("/srv/node2")
                  .elP2p(30304)
                  .clP2p(9001)
                  .build());
      assertThat(check(clash))
          .extracting(Problem::message)
          .anySatisfy(m -> assertThat(m).contains("9777/tcp is used twice"));
      var apart =
          Fixtures.inventory(
              gethLighthouse().build(),
              Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU)
                  .name("node2")
                  .baseDir("/srv/node2")
                  .elP2p(30304)
                  .clP2p(9001)
                  .supervisorPort(9778)
                  .build());
      assertThat(check(apart))
          .extracting(Problem::message)
          .noneSatisfy(m -> assertThat(m).contains("9777"));
      var plan = new Planner().plan(apart, RELEASE);
      assertThat(plan.hosts().get(1).services())
          .filteredOn(s -> s.role() == Role.SUPERVISOR)
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.ports())
                      .containsExactly(new PortBinding(9777, 9778, "127.0.0.1", "tcp", "status")));
    }

    /** node2 apart from node1 on every port but the EL's JSON-RPC API. */
    static Fixtures.HostBuilder secondNodeOnTheSameMachine() {
      return Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU)
          .name("node2")
          .baseDir("/srv/node2")
          .elP2p(30304)
          .clP2p(9002)
          .supervisorPort(9778);
    }

    @Test
    void twoNodesOnOneMachineClashOnTheJsonRpcPortUntilRpcPortMovesIt() {
      var clash =
          Fixtures.inventory(gethLighthouse().build(), secondNodeOnTheSameMachine().build());
      assertThat(check(clash))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[1].execution.rpcPort");
                assertThat(p.message())
                    .contains("host port 8545/tcp is used twice on the same machine")
                    .contains("ephemery-node1-geth http")
                    .contains("ephemery-node2-besu http");
                assertThat(p.hint())
                    .isEqualTo("change hosts[1].execution.rpcPort or hosts[0].execution.rpcPort");
              });
      assertThatThrownBy(() -> Preflight.require(clash, RELEASE))
          .isInstanceOf(InvalidInputException.class)
          .satisfies(e -> assertThat(((InvalidInputException) e).exitCode().code()).isEqualTo(2));

      var apart =
          Fixtures.inventory(
              gethLighthouse().build(), secondNodeOnTheSameMachine().elRpc(8546).build());
      assertThat(check(apart)).isEmpty();
      assertThat(new Planner().plan(apart, RELEASE).hosts().get(1).services())
          .filteredOn(s -> s.role() == Role.EXECUTION)
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.ports())
                      .contains(new PortBinding(8545, 8546, "127.0.0.1", "tcp", "http")));
    }

    @Test
    void anRpcPortOnAnotherNodesPortOfTheSameMachineIsNamed() {
      var onGrafana =
          Fixtures.inventory(
              gethLighthouse().monitoring(9090, 3000, 9100).build(),
              secondNodeOnTheSameMachine().elRpc(3000).build());
      assertThat(check(onGrafana))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[1].execution.rpcPort");
                assertThat(p.message())
                    .contains("3000/tcp")
                    .contains("node1 ephemery-node1-grafana");
                assertThat(p.hint())
                    .isEqualTo(
                        "change hosts[1].execution.rpcPort or hosts[0].monitoring.grafanaPort");
              });
    }

    @Test
    void oneMachineIsOneMachineWhateverTheSshUserOrHostNameCase() {
      var ops = new Address.Ssh("ops", "node.example.org", 22);
      var root = new Address.Ssh("root", "NODE.example.org", 22);
      var inventory =
          Fixtures.inventory(
              gethLighthouse().address(ops).build(),
              secondNodeOnTheSameMachine().address(root).build());
      assertThat(check(inventory))
          .singleElement()
          .satisfies(p -> assertThat(p.where()).isEqualTo("hosts[1].execution.rpcPort"));
      var otherSshPort =
          Fixtures.inventory(
              gethLighthouse().address(ops).build(),
              secondNodeOnTheSameMachine()
                  .address(new Address.Ssh("ops", "node.example.org", 2222))
                  .build());
      assertThat(check(otherSshPort)).isEmpty();
    }

    @Test
    void lighthousesQuicPortNextToAnotherBeaconNodesP2pPortNamesTheKeyAndTheOffset() {
      // lighthouse on 9000 also takes 9001/udp for QUIC; teku on 9001 wants 9001/tcp+udp.
      var clash =
          Fixtures.inventory(
              gethLighthouse().build(),
              secondNodeOnTheSameMachine().clP2p(9001).elRpc(8546).build());
      assertThat(check(clash))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[1].consensus.p2pPort");
                assertThat(p.message())
                    .contains("host port 9001/udp")
                    .contains(
                        "ephemery-node1-lighthouse quic (lighthouse publishes its quic port at"
                            + " consensus.p2pPort + 1)")
                    .contains("ephemery-node2-teku p2p-udp");
                assertThat(p.hint())
                    .isEqualTo("change hosts[1].consensus.p2pPort or hosts[0].consensus.p2pPort");
              });
      // The other way round: teku first on 9001, lighthouse on 9000 second.
      var swapped =
          Fixtures.inventory(
              secondNodeOnTheSameMachine().clP2p(9001).elRpc(8546).build(),
              gethLighthouse().build());
      assertThat(check(swapped))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[1].consensus.p2pPort");
                assertThat(p.message()).contains("9001/udp").contains("consensus.p2pPort + 1");
              });
    }

    @Test
    void prysmsDiscoveryPortBelowItsP2pPortIsNamedWithItsOffset() {
      // prysm on 13000 discovers on 12000/udp; the EL of the second node moved its devp2p there.
      var clash =
          Fixtures.inventory(
              Fixtures.host(ExecutionClient.GETH, ConsensusClient.PRYSM).build(),
              secondNodeOnTheSameMachine().elP2p(12000).elRpc(8546).build());
      assertThat(check(clash))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[1].execution.p2pPort");
                assertThat(p.message()).contains("12000/udp").contains("consensus.p2pPort - 1000");
                assertThat(p.hint())
                    .isEqualTo("change hosts[1].execution.p2pPort or hosts[0].consensus.p2pPort");
              });
    }

    @Test
    void twoBeaconNodesOnOneMachineClashOnTheirRestPortUntilRestPortMovesIt() {
      Fixtures.HostBuilder node2 =
          Fixtures.host(ExecutionClient.BESU, ConsensusClient.LIGHTHOUSE)
              .name("node2")
              .baseDir("/srv/node2")
              .elP2p(30304)
              .elRpc(8546)
              .clP2p(9002)
              .supervisorPort(9778);
      assertThat(check(Fixtures.inventory(gethLighthouse().build(), node2.build())))
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.where()).isEqualTo("hosts[1].consensus.restPort");
                assertThat(p.message())
                    .contains("host port 5052/tcp is used twice on the same machine");
                assertThat(p.hint())
                    .isEqualTo("change hosts[1].consensus.restPort or hosts[0].consensus.restPort");
              });

      assertThat(check(Fixtures.inventory(gethLighthouse().build(), node2.clRest(5053).build())))
          .isEmpty();
    }

    @Test
    void theDocumentedSeveralNodesExamplePassesPreflight() throws Exception {
      String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs/inventory.md"));
      int start = docs.indexOf("```yaml", docs.indexOf("### Several nodes on one machine"));
      String example = docs.substring(start + "```yaml".length(), docs.indexOf("```", start + 7));
      Inventory inventory = dev.ephemery.inventory.InventoryParser.parse(example, "docs example");
      assertThat(inventory.hosts()).hasSize(2);
      assertThat(check(inventory)).isEmpty();
      assertThat(inventory.hosts().get(1).execution().rpcPort()).isEqualTo(8546);
    }

    @Test
    void wrapperFlavorIsRefusedForClientsWithoutAWrapperImage() {
      for (var host :
          List.of(
              Fixtures.host(ExecutionClient.ERIGON, ConsensusClient.LIGHTHOUSE),
              Fixtures.host(ExecutionClient.GETH, ConsensusClient.GRANDINE),
              Fixtures.host(ExecutionClient.GETH, ConsensusClient.NIMBUS))) {
        var problems = check(host.flavor(Flavor.WRAPPER).inventory());
        assertThat(problems)
            .singleElement()
            .satisfies(
                p -> {
                  assertThat(p.message()).contains("flavor wrapper is not available");
                  assertThat(p.hint()).contains("flavor: upstream");
                });
      }
    }

    @Test
    void wrapperManagedFlagsWouldGoStale() {
      var problems =
          check(gethLighthouse().flavor(Flavor.WRAPPER).elArgs("--networkid=39438153").inventory());
      assertThat(problems)
          .singleElement()
          .satisfies(
              p -> assertThat(p.message()).contains("wrapper image sets --networkid itself"));
    }

    @Test
    void builtInEphemeryNetworksAreRefusedAsStale() {
      var problems =
          check(
              Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU)
                  .elArgs("--network=ephemery")
                  .clArgs("--network=ephemery")
                  .inventory());
      assertThat(problems)
          .hasSize(2)
          .allSatisfy(p -> assertThat(p.message()).contains("can be stale"));
    }

    @Test
    void validatorClientsMustMatchWhatTheBeaconNodeCanServe() {
      var prysmVcOnLighthouse = gethLighthouse().validator(ConsensusClient.PRYSM).inventory();
      assertThat(check(prysmVcOnLighthouse))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("gRPC"));
      var grandineVcOnTeku =
          Fixtures.host(ExecutionClient.GETH, ConsensusClient.TEKU)
              .validator(ConsensusClient.GRANDINE)
              .inventory();
      assertThat(check(grandineVcOnTeku))
          .singleElement()
          .satisfies(p -> assertThat(p.message()).contains("no separate validator client"));
    }

    @Test
    void requireThrowsEveryProblemAsBadInput() {
      var inventory =
          gethLighthouse()
              .elArgs("--networkid=1", "--txlookuplimit=0")
              .clArgs("--network=ephemery")
              .inventory();
      assertThatThrownBy(() -> Preflight.require(inventory, RELEASE))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.problems()).hasSize(3));
    }
  }

  private static ValidatorSpec validator(
      ConsensusClient client, String passwordFile, String passwordsDir) {
    return new ValidatorSpec(
        true,
        client,
        null,
        List.of(),
        "/srv/keys",
        null,
        "0x000000000000000000000000000000000000dEaD",
        passwordFile,
        passwordsDir,
        null,
        false);
  }

  @Test
  void aPasswordFilePerKeystoreIsOnlyForClientsThatReadOnePerKeystore() {
    for (ConsensusClient cl : ConsensusClient.values()) {
      Inventory inventory =
          Fixtures.host(ExecutionClient.GETH, cl)
              .validator(validator(cl, null, "/srv/passwords"))
              .inventory();
      List<Problem> problems = Preflight.check(inventory, RELEASE);
      if (cl == ConsensusClient.TEKU || cl == ConsensusClient.GRANDINE) {
        assertThat(problems).as(cl.id()).isEmpty();
      } else {
        assertThat(problems)
            .as(cl.id())
            .singleElement()
            .satisfies(
                p -> {
                  assertThat(p.where()).endsWith(".validator.passwordsDir");
                  assertThat(p.message())
                      .contains(cl.id() + " imports keystores with one password");
                  assertThat(p.hint()).contains("validator.passwordFile");
                });
      }
      Inventory onePassword =
          Fixtures.host(ExecutionClient.GETH, cl)
              .validator(validator(cl, "/srv/keys.txt", null))
              .inventory();
      assertThat(Preflight.check(onePassword, RELEASE)).as(cl.id()).isEmpty();
    }
  }

  @Test
  void planAndUpRefuseAValidatorWithKeysButNoPassword() {
    Inventory inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .validator(validator(ConsensusClient.LIGHTHOUSE, null, null))
            .inventory();
    assertThatThrownBy(() -> Preflight.require(inventory, RELEASE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("passwordFile");
  }

  @Test
  void aRemoteSignerIsRefusedForLighthouseWhichTakesOneOnlyPerKey() {
    ValidatorSpec signer =
        new ValidatorSpec(
            true,
            ConsensusClient.LIGHTHOUSE,
            null,
            List.of(),
            null,
            null,
            "0x000000000000000000000000000000000000dEaD",
            null,
            null,
            "http://127.0.0.1:9000",
            false);
    List<Problem> problems =
        Preflight.check(
            Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
                .validator(signer)
                .inventory(),
            RELEASE);
    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.where()).endsWith(".validator.remoteSigner"));
    ValidatorSpec teku =
        new ValidatorSpec(
            true,
            ConsensusClient.TEKU,
            null,
            List.of(),
            null,
            null,
            "0x000000000000000000000000000000000000dEaD",
            null,
            null,
            "http://127.0.0.1:9000",
            false);
    assertThat(
            Preflight.check(
                Fixtures.host(ExecutionClient.GETH, ConsensusClient.TEKU)
                    .validator(teku)
                    .inventory(),
                RELEASE))
        .isEmpty();
  }
}
