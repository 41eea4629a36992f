package dev.ephemery.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.client.ClientProfiles;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.network.Release;
import dev.ephemery.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
  static final Release RELEASE = Fixtures.release153();
  final Planner planner = new Planner();

  /** All 30 pairs, each with a validator, in both flavors where wrapper images exist. */
  static Stream<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (ExecutionClient el : ExecutionClient.values()) {
      for (ConsensusClient cl : ConsensusClient.values()) {
        pairs.add(Arguments.of(el, cl, Flavor.UPSTREAM));
        boolean wrappers =
            ClientProfiles.execution(el).wrapperImage().isPresent()
                && ClientProfiles.beacon(cl).wrapperImage().isPresent();
        if (wrappers) {
          pairs.add(Arguments.of(el, cl, Flavor.WRAPPER));
        }
      }
    }
    return pairs.stream();
  }

  static HostPlan plan(ExecutionClient el, ConsensusClient cl, Flavor flavor) {
    var inventory = Fixtures.host(el, cl).flavor(flavor).validator(cl).inventory();
    assertThat(Preflight.check(inventory, RELEASE)).isEmpty();
    return new Planner().plan(inventory, RELEASE).hosts().get(0);
  }

  @ParameterizedTest(name = "{0} + {1} ({2})")
  @MethodSource("pairs")
  void plansEveryPairWithoutPublishingTheEngineApi(
      ExecutionClient el, ConsensusClient cl, Flavor flavor) {
    HostPlan host = plan(el, cl, flavor);
    assertThat(host.network()).isEqualTo("ephemery-node1");
    assertThat(host.iteration()).isEqualTo(new dev.ephemery.network.Iteration(153));
    for (Service service : host.services()) {
      assertThat(service.ports())
          .filteredOn(p -> p.name().equals("engine"))
          .allSatisfy(p -> assertThat(p.host()).isNull());
      assertThat(service.ports())
          .filteredOn(p -> p.host() != null && !p.bind().equals("127.0.0.1"))
          .allSatisfy(p -> assertThat(p.name()).isIn("p2p", "p2p-udp", "quic", "discovery"));
      assertThat(service.labels())
          .containsEntry(LabelKeys.NODE, "node1")
          .containsEntry(LabelKeys.ITERATION, "153")
          .containsEntry(LabelKeys.ROLE, service.role().id());
      assertThat(service.image()).doesNotContain(" ");
    }
    assertThat(host.paths())
        .filteredOn(p -> p.kind() == PlannedPath.Kind.JWT_SECRET)
        .singleElement()
        .satisfies(p -> assertThat(p.mode()).isEqualTo(0600))
        .satisfies(p -> assertThat(p.path()).isEqualTo("/srv/ephemery/secrets/jwt.hex"));
    assertThat(host.resetOwner())
        .isEqualTo(
            flavor == Flavor.WRAPPER ? HostPlan.ResetOwner.WRAPPER : HostPlan.ResetOwner.TOOL);
  }

  @Test
  void aHostWithTheSupervisorOffPlansNeitherItsContainerNorItsFolder() {
    var on = Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE).build();
    var off =
        new dev.ephemery.inventory.Host(
            on.name(),
            on.address(),
            on.baseDir(),
            on.flavor(),
            on.execution(),
            on.consensus(),
            on.validator(),
            on.monitoring(),
            null,
            null,
            new dev.ephemery.inventory.SupervisorSpec(false, null));

    HostPlan withSupervisor = new Planner().planHost(on, RELEASE);
    HostPlan without = new Planner().planHost(off, RELEASE);

    assertThat(withSupervisor.services()).extracting(Service::role).contains(Role.SUPERVISOR);
    assertThat(withSupervisor.paths())
        .extracting(PlannedPath::path)
        .contains(on.baseDir() + "/supervisor");
    assertThat(without.services()).extracting(Service::role).doesNotContain(Role.SUPERVISOR);
    assertThat(without.paths())
        .extracting(PlannedPath::path)
        .doesNotContain(on.baseDir() + "/supervisor");
  }

  @Test
  void clientsCarryTheirProfilesHealthChecksIntoThePlan() {
    HostPlan host = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);

    assertThat(role(host, Role.EXECUTION).health())
        .isEqualTo(ClientProfiles.execution(ExecutionClient.GETH).health())
        .isNotEmpty();
    assertThat(role(host, Role.CONSENSUS).health())
        .isEqualTo(ClientProfiles.beacon(ConsensusClient.LIGHTHOUSE).health())
        .isNotEmpty();
    assertThat(role(host, Role.INIT).health()).isEmpty();
  }

  @ParameterizedTest(name = "{0} + {1} ({2})")
  @MethodSource("pairs")
  void startsInitThenExecutionThenConsensusThenValidator(
      ExecutionClient el, ConsensusClient cl, Flavor flavor) {
    HostPlan host = plan(el, cl, flavor);
    List<Role> roles = host.services().stream().map(Service::role).toList();
    List<Role> expected = new ArrayList<>();
    if (flavor == Flavor.UPSTREAM && (el == ExecutionClient.GETH || el == ExecutionClient.ERIGON)) {
      expected.add(Role.INIT);
    }
    expected.addAll(List.of(Role.EXECUTION, Role.CONSENSUS));
    // The validator's keys are imported in a one-shot step just before it, in the upstream
    // flavor, by every separate validator client.
    boolean importsKeys = flavor == Flavor.UPSTREAM && cl != ConsensusClient.GRANDINE;
    if (importsKeys) {
      expected.add(Role.INIT);
    }
    if (cl != ConsensusClient.GRANDINE) {
      expected.add(Role.VALIDATOR);
    }
    expected.add(Role.SUPERVISOR);
    assertThat(roles).containsExactlyElementsOf(expected);
    List<Service> chain =
        host.services().stream().filter(s -> !s.name().endsWith("-import-keys")).toList();
    for (int i = 1; i < chain.size(); i++) {
      List<String> after = new ArrayList<>(List.of(chain.get(i - 1).name()));
      if (importsKeys && chain.get(i).role() == Role.VALIDATOR) {
        after.add(chain.get(i).name().replace("-vc", "-import-keys"));
      }
      assertThat(chain.get(i).dependsOn()).containsExactlyElementsOf(after);
    }
  }

  @ParameterizedTest(name = "{0} + {1} ({2})")
  @MethodSource("pairs")
  void consensusReachesTheExecutionClientByContainerNameOnTheNodeNetwork(
      ExecutionClient el, ConsensusClient cl, Flavor flavor) {
    HostPlan host = plan(el, cl, flavor);
    Service execution = role(host, Role.EXECUTION);
    Service consensus = role(host, Role.CONSENSUS);
    assertThat(consensus.command())
        .anySatisfy(a -> assertThat(a).endsWith("=http://" + execution.name() + ":8551"));
    for (Service service : List.of(execution, consensus)) {
      assertThat(service.mounts())
          .contains(new Mount("/srv/ephemery/secrets/jwt.hex", "/secrets/jwt.hex", true));
    }
  }

  @Test
  void gethGetsTheIterationNetworkIdAndAnInitStepWithTheSameImageAndDataDir() {
    HostPlan host = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    Service init = role(host, Role.INIT);
    Service geth = role(host, Role.EXECUTION);
    assertThat(geth.command()).contains("--networkid=39438153");
    assertThat(init.runOnce()).isTrue();
    assertThat(init.image()).isEqualTo(geth.image()).isEqualTo("ethereum/client-go:v1.17.5");
    assertThat(init.mounts()).contains(new Mount("/srv/ephemery/data/geth", "/data", false));
    assertThat(geth.mounts()).contains(new Mount("/srv/ephemery/data/geth", "/data", false));
    assertThat(init.restartPolicy()).isEqualTo("no");
    assertThat(geth.dependsOn()).containsExactly(init.name());
  }

  @Test
  void wrapperGethHasNoInitAndItsCommandDoesNotStartWithGeth() {
    HostPlan host = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.WRAPPER);
    Service geth = role(host, Role.EXECUTION);
    assertThat(host.services()).noneMatch(s -> s.role() == Role.INIT);
    assertThat(geth.image()).startsWith("pk910/ephemery-geth");
    assertThat(geth.entrypoint()).isNull();
    assertThat(geth.command().get(0)).isNotEqualTo("geth");
    assertThat(geth.stopSignal()).isEqualTo("SIGINT");
    assertThat(host.paths()).noneMatch(p -> p.kind() == PlannedPath.Kind.RELEASE_FILES);
  }

  @Test
  void lighthouseUsesTheTestnetDirNeverTheNetworkFlag() {
    for (ExecutionClient el : ExecutionClient.values()) {
      Service lighthouse =
          role(plan(el, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM), Role.CONSENSUS);
      assertThat(lighthouse.command())
          .contains("--testnet-dir=/testnet")
          .noneMatch(a -> a.startsWith("--network"));
      assertThat(lighthouse.mounts())
          .contains(new Mount("/srv/ephemery/testnet/ephemery-153", "/testnet", true));
    }
  }

  @Test
  void createsTheJwtAndReleaseFilesBeforeAnyContainerWithOwnersForNonRootClients() {
    HostPlan host = plan(ExecutionClient.ERIGON, ConsensusClient.TEKU, Flavor.UPSTREAM);
    assertThat(host.paths())
        .contains(
            new PlannedPath(
                "/srv/ephemery/secrets/jwt.hex", PlannedPath.Kind.JWT_SECRET, 0600, "1000:1000"),
            new PlannedPath(
                "/srv/ephemery/testnet/ephemery-153", PlannedPath.Kind.RELEASE_FILES, 0755, null),
            new PlannedPath(
                "/srv/ephemery/data/erigon", PlannedPath.Kind.DIRECTORY, 0755, "1000:1000"),
            new PlannedPath(
                "/srv/ephemery/data/teku", PlannedPath.Kind.DIRECTORY, 0755, "1000:1000"));
    Service init = role(host, Role.INIT);
    assertThat(init.command()).containsExactly("init", "--datadir=/data", "/testnet/genesis.json");
  }

  @Test
  void gethWithLighthouseKeepsARootOwnedJwt() {
    HostPlan host = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    assertThat(host.paths())
        .filteredOn(p -> p.kind() == PlannedPath.Kind.JWT_SECRET)
        .singleElement()
        .satisfies(p -> assertThat(p.owner()).isNull());
  }

  @Test
  void extraArgsComeAfterTheGeneratedFlags() {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .elArgs("--cache=2048")
            .inventory();
    Service geth = role(planner.plan(inventory, RELEASE).hosts().get(0), Role.EXECUTION);
    assertThat(geth.command().get(geth.command().size() - 1)).isEqualTo("--cache=2048");
  }

  @Test
  void aTunedDefaultReplacesThePlansValueInTheCommand() {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .elArgs("--syncmode", "snap", "--cache=4096")
            .inventory();
    Service geth = role(planner.plan(inventory, RELEASE).hosts().get(0), Role.EXECUTION);
    assertThat(geth.command()).doesNotContain("--syncmode=full").contains("--datadir=/data");
    assertThat(geth.command().subList(geth.command().size() - 3, geth.command().size()))
        .containsExactly("--syncmode", "snap", "--cache=4096");
    assertThat(dev.ephemery.client.Args.flagNames(geth.command()))
        .filteredOn("--syncmode"::equals)
        .hasSize(1);
  }

  @Test
  void publishesP2pOnTheChosenPort() {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .elP2p(30313)
            .clP2p(9010)
            .inventory();
    HostPlan host = planner.plan(inventory, RELEASE).hosts().get(0);
    assertThat(role(host, Role.EXECUTION).ports())
        .contains(new PortBinding(30313, 30313, "0.0.0.0", "tcp", "p2p"));
    assertThat(role(host, Role.EXECUTION).command()).contains("--port=30313");
    assertThat(role(host, Role.CONSENSUS).command()).contains("--port=9010");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(ConsensusClient.class)
  void restPortMovesOnlyTheLoopbackHostSideOfTheBeaconApi(ConsensusClient cl) {
    var usual = Fixtures.host(ExecutionClient.GETH, cl).build();
    var moved = Fixtures.host(ExecutionClient.GETH, cl).clRest(15052).build();
    HostPlan usualPlan = planner.planHost(usual, RELEASE);
    HostPlan movedPlan = planner.planHost(moved, RELEASE);
    Service before = role(usualPlan, Role.CONSENSUS);
    Service after = role(movedPlan, Role.CONSENSUS);
    PortBinding rest =
        before.ports().stream()
            .filter(p -> p.name().equals(Planner.REST_PORT_NAME))
            .findFirst()
            .orElseThrow();

    assertThat(rest.bind()).isEqualTo("127.0.0.1");
    assertThat(after.ports())
        .filteredOn(p -> p.name().equals(Planner.REST_PORT_NAME))
        .containsExactly(
            new PortBinding(rest.container(), 15052, "127.0.0.1", rest.protocol(), rest.name()));
    // The client still listens on its own port in its container; nothing else moves.
    assertThat(after.command()).isEqualTo(before.command());
    assertThat(after.health()).isEqualTo(before.health());
    assertThat(after.ports())
        .filteredOn(p -> !p.name().equals(Planner.REST_PORT_NAME))
        .isEqualTo(
            before.ports().stream().filter(p -> !p.name().equals(Planner.REST_PORT_NAME)).toList());
    assertThat(PlanHash.of(movedPlan, after)).isNotEqualTo(PlanHash.of(usualPlan, before));
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.EnumSource(ExecutionClient.class)
  void rpcPortMovesOnlyTheLoopbackHostSideOfTheJsonRpcApi(ExecutionClient el) {
    var usual = Fixtures.host(el, ConsensusClient.LIGHTHOUSE).build();
    var moved = Fixtures.host(el, ConsensusClient.LIGHTHOUSE).elRpc(18546).build();
    HostPlan usualPlan = planner.planHost(usual, RELEASE);
    HostPlan movedPlan = planner.planHost(moved, RELEASE);
    Service before = role(usualPlan, Role.EXECUTION);
    Service after = role(movedPlan, Role.EXECUTION);

    assertThat(before.ports())
        .filteredOn(p -> p.name().equals(Planner.RPC_PORT_NAME))
        .containsExactly(new PortBinding(8545, 8545, "127.0.0.1", "tcp", "http"));
    assertThat(after.ports())
        .filteredOn(p -> p.name().equals(Planner.RPC_PORT_NAME))
        .containsExactly(new PortBinding(8545, 18546, "127.0.0.1", "tcp", "http"));
    // The client still listens on 8545 in its container; nothing else moves.
    assertThat(after.command()).isEqualTo(before.command());
    assertThat(after.health()).isEqualTo(before.health());
    assertThat(after.ports())
        .filteredOn(p -> !p.name().equals(Planner.RPC_PORT_NAME))
        .isEqualTo(
            before.ports().stream().filter(p -> !p.name().equals(Planner.RPC_PORT_NAME)).toList());
    assertThat(after.ports())
        .filteredOn(p -> p.name().equals(Planner.ENGINE_PORT_NAME))
        .singleElement()
        .satisfies(p -> assertThat(p.host()).isNull());
    assertThat(PlanHash.of(movedPlan, after)).isNotEqualTo(PlanHash.of(usualPlan, before));
    assertThat(role(planner.planHost(moved, RELEASE), Role.CONSENSUS).ports())
        .isEqualTo(role(planner.planHost(usual, RELEASE), Role.CONSENSUS).ports());
  }

  @Test
  void planHashIsStableAndFollowsChanges() {
    HostPlan a = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    HostPlan b = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    Service geth = role(a, Role.EXECUTION);
    assertThat(PlanHash.of(a, geth)).isEqualTo(PlanHash.of(b, role(b, Role.EXECUTION))).hasSize(16);
    var changed =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .validator(ConsensusClient.LIGHTHOUSE)
            .elArgs("--cache=2048")
            .inventory();
    HostPlan c = planner.plan(changed, RELEASE).hosts().get(0);
    assertThat(PlanHash.of(c, role(c, Role.EXECUTION))).isNotEqualTo(PlanHash.of(a, geth));
  }

  @Test
  void eachValidatorClientGetsItsKeysItsOwnWayAndTheImportRerunsWhenTheKeysChange() {
    for (ConsensusClient cl : ConsensusClient.values()) {
      HostPlan host = plan(ExecutionClient.GETH, cl, Flavor.UPSTREAM);
      List<Service> imports =
          host.services().stream().filter(s -> s.name().endsWith("-import-keys")).toList();
      boolean imports_ =
          cl == ConsensusClient.LIGHTHOUSE
              || cl == ConsensusClient.PRYSM
              || cl == ConsensusClient.NIMBUS
              || cl == ConsensusClient.LODESTAR
              // teku lays the one password out per keystore
              || cl == ConsensusClient.TEKU;
      assertThat(imports).as(cl.id()).hasSize(imports_ ? 1 : 0);
      if (imports_) {
        Service step = imports.get(0);
        Service vc = role(host, Role.VALIDATOR);
        assertThat(step.runOnce()).isTrue();
        assertThat(step.inputs()).as("rerun when a keystore is added").containsExactly("/srv/keys");
        assertThat(step.mounts())
            .contains(
                new Mount("/srv/keys", "/keys", true),
                new Mount("/srv/keys.txt", "/keys-password.txt", true));
        assertThat(vc.dependsOn()).contains(step.name());
        assertThat(host.services().indexOf(step)).isLessThan(host.services().indexOf(vc));
      }
    }
    HostPlan prysm = plan(ExecutionClient.GETH, ConsensusClient.PRYSM, Flavor.UPSTREAM);
    assertThat(prysm.paths())
        .contains(
            new PlannedPath(
                "/srv/ephemery/data/prysm-vc/wallet-password.txt",
                PlannedPath.Kind.SECRET,
                0600,
                null));
  }

  @Test
  void plansOneHostWhenAsked() {
    var inventory =
        Fixtures.inventory(
            Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE).build(),
            Fixtures.host(ExecutionClient.BESU, ConsensusClient.TEKU).name("node2").build());
    assertThat(planner.plan(inventory, RELEASE, new PlanOptions("node2")).hosts())
        .extracting(HostPlan::name)
        .containsExactly("node2");
    assertThatThrownBy(() -> planner.plan(inventory, RELEASE, new PlanOptions("node9")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("node9");
  }

  @Test
  void refusesTheWrapperFlavorForAClientWithoutWrapper() {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.GRANDINE)
            .flavor(Flavor.WRAPPER)
            .inventory();
    assertThatThrownBy(() -> planner.plan(inventory, RELEASE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("grandine");
  }

  static Service role(HostPlan host, Role role) {
    return host.services().stream().filter(s -> s.role() == role).findFirst().orElseThrow();
  }
}
