package dev.ephemery.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ephemery.client.PrysmChainConfig;
import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.LabelKeys;
import dev.ephemery.plan.PlanHash;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Labels;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeRendererTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  final ComposeRenderer renderer = new ComposeRenderer();

  static HostPlan plan(ExecutionClient el, ConsensusClient cl, Flavor flavor) {
    var inventory = Fixtures.host(el, cl).flavor(flavor).validator(cl).inventory();
    return new Planner().plan(inventory, Fixtures.release153()).hosts().get(0);
  }

  static JsonNode parse(String text) throws Exception {
    return YAML.readTree(text);
  }

  @Test
  void everyPlannedServiceBecomesAComposeServiceWithTheSameCommand() throws Exception {
    HostPlan plan = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    JsonNode services = parse(renderer.render(plan)).get("services");
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    List<Service> exported =
        plan.services().stream().filter(s -> s.role() != Role.SUPERVISOR).toList();
    assertThat(names).containsExactlyElementsOf(exported.stream().map(Service::name).toList());
    assertThat(plan.services()).extracting(Service::role).contains(Role.SUPERVISOR);
    assertThat(renderer.render(plan)).contains("The on-host supervisor is not in this file");
    for (Service service : exported) {
      JsonNode yaml = services.get(service.name());
      assertThat(yaml.get("image").asText()).isEqualTo(service.image());
      List<String> command = new ArrayList<>();
      yaml.get("command").forEach(a -> command.add(a.asText()));
      assertThat(command).isEqualTo(service.command());
      assertThat(yaml.get("networks").get(0).asText()).isEqualTo("node");
    }
  }

  @Test
  void everyExportedServiceCarriesThePlanHashUpWritesSoUpFindsItCurrent() throws Exception {
    // With a validator, so the key import step (a service with inputs) is exported too.
    List<HostPlan> plans = new ArrayList<>();
    for (ExecutionClient el : ExecutionClient.values()) {
      plans.add(plan(el, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM));
    }
    plans.add(plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.WRAPPER));
    for (HostPlan plan : plans) {
      JsonNode services = parse(renderer.render(plan)).get("services");
      for (Service service : plan.services()) {
        if (service.role() == Role.SUPERVISOR) {
          continue;
        }
        // The label up puts on a container it creates, and compares on its next run.
        String up =
            Labels.forService(plan, service, PlanHash.of(plan, service)).get(LabelKeys.PLAN_HASH);
        assertThat(services.at("/" + service.name() + "/labels").get(LabelKeys.PLAN_HASH).asText())
            .as(service.name())
            .isEqualTo(up);
      }
      // The network carries the labels up looks for before it takes a network as the node's.
      JsonNode network = parse(renderer.render(plan)).at("/networks").elements().next();
      Labels.forNetwork(plan)
          .forEach(
              (key, value) ->
                  assertThat(network.at("/labels").get(key).asText()).as(key).isEqualTo(value));
    }
  }

  @Test
  void aHostNamedEphemerySomethingIsNotPrefixedTwice() throws Exception {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .name("ephemery-node1")
            .inventory();
    HostPlan plan = new Planner().plan(inventory, Fixtures.release153()).hosts().get(0);
    assertThat(plan.network()).isEqualTo("ephemery-node1");
    assertThat(plan.services())
        .extracting(Service::name)
        .contains("ephemery-node1-geth", "ephemery-node1-lighthouse")
        .noneSatisfy(n -> assertThat(n).contains("ephemery-ephemery"));
    assertThat(plan.services())
        .allSatisfy(
            s ->
                assertThat(dev.ephemery.runtime.Labels.containerName(plan, s)).isEqualTo(s.name()));
    JsonNode services = parse(renderer.render(plan)).get("services");
    assertThat(services.get("ephemery-node1-lighthouse").at("/depends_on/ephemery-node1-geth"))
        .isNotNull();
    assertThat(services.get("ephemery-node1-geth").get("container_name").asText())
        .isEqualTo("ephemery-node1-geth");
  }

  @Test
  void neverPublishesTheEngineApiAndBindsAllButP2pToLoopback() throws Exception {
    HostPlan plan = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    JsonNode geth = parse(renderer.render(plan)).get("services").get("ephemery-node1-geth");
    List<String> ports = new ArrayList<>();
    geth.get("ports").forEach(p -> ports.add(p.asText()));
    assertThat(ports)
        .containsExactly(
            "0.0.0.0:30303:30303/tcp", "0.0.0.0:30303:30303/udp", "127.0.0.1:8545:8545/tcp");
    assertThat(ports).noneMatch(p -> p.contains("8551"));
    List<String> expose = new ArrayList<>();
    geth.get("expose").forEach(p -> expose.add(p.asText()));
    assertThat(expose).contains("8551/tcp");
  }

  @Test
  void publishesTheJsonRpcApiOnTheInventorysRpcPortOnLoopbackOnly() throws Exception {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE).elRpc(8546).inventory();
    HostPlan plan = new Planner().plan(inventory, Fixtures.release153()).hosts().get(0);
    JsonNode geth = parse(renderer.render(plan)).get("services").get("ephemery-node1-geth");
    List<String> ports = new ArrayList<>();
    geth.get("ports").forEach(p -> ports.add(p.asText()));
    assertThat(ports)
        .containsExactly(
            "0.0.0.0:30303:30303/tcp", "0.0.0.0:30303:30303/udp", "127.0.0.1:8546:8545/tcp");
  }

  @Test
  void waitsForTheInitStepToCompleteAndMountsTheJwtReadOnly() throws Exception {
    HostPlan plan = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    JsonNode services = parse(renderer.render(plan)).get("services");
    JsonNode geth = services.get("ephemery-node1-geth");
    assertThat(geth.at("/depends_on/ephemery-node1-geth-init/condition").asText())
        .isEqualTo("service_completed_successfully");
    assertThat(
            services
                .at("/ephemery-node1-lighthouse/depends_on/ephemery-node1-geth/condition")
                .asText())
        .isEqualTo("service_started");
    assertThat(geth.get("volumes"))
        .anySatisfy(
            v -> {
              assertThat(v.get("source").asText()).isEqualTo("./secrets/jwt.hex");
              assertThat(v.get("read_only").asBoolean()).isTrue();
            })
        .anySatisfy(v -> assertThat(v.get("source").asText()).isEqualTo("./testnet/ephemery-153"));
    assertThat(services.get("ephemery-node1-geth-init").get("restart").asText()).isEqualTo("no");
  }

  @Test
  void headerTellsHowToCreateTheJwtAndOwnNonRootDataDirs() {
    String text =
        renderer.render(plan(ExecutionClient.ERIGON, ConsensusClient.TEKU, Flavor.UPSTREAM));
    assertThat(text)
        .contains("openssl rand -hex 32")
        .contains("umask 077")
        .contains("sudo chown 1000:1000 data/erigon")
        .contains("mkdir -p data/teku");
  }

  @Test
  void escapesDollarSignsAgainstComposeInterpolation() throws Exception {
    var inventory =
        Fixtures.host(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE)
            .elArgs("--identity=a$b")
            .inventory();
    HostPlan plan = new Planner().plan(inventory, Fixtures.release153()).hosts().get(0);
    assertThat(renderer.render(plan)).contains("--identity=a$$b");
  }

  @Test
  void wrapperFlavorKeepsTheImageEntrypointAndStopsWithSigint() throws Exception {
    HostPlan plan = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.WRAPPER);
    JsonNode geth = parse(renderer.render(plan)).get("services").get("ephemery-node1-geth");
    assertThat(geth.has("entrypoint")).isFalse();
    assertThat(geth.get("command").get(0).asText()).isNotEqualTo("geth");
    assertThat(geth.get("stop_signal").asText()).isEqualTo("SIGINT");
  }

  @Test
  void writesTheComposeFileAndACopyOfTheReleaseButNoJwt(@TempDir Path tmp) throws Exception {
    HostPlan plan = plan(ExecutionClient.GETH, ConsensusClient.LIGHTHOUSE, Flavor.UPSTREAM);
    Path release = Fixtures.releaseFolder(tmp.resolve("release"));
    Path out = tmp.resolve("out");
    List<Path> written = renderer.write(plan, release, out);
    assertThat(out.resolve("docker-compose.yaml")).isRegularFile();
    assertThat(out.resolve("testnet/ephemery-153/genesis.json"))
        .hasSameTextualContentAs(release.resolve("genesis.json"));
    assertThat(out.resolve("testnet/ephemery-153/deposit_contract_block_hash.txt")).exists();
    // prysm's --chain-config-file names the derived copy: the export must carry it.
    Path prysmConfig = out.resolve("testnet/ephemery-153/" + PrysmChainConfig.FILE);
    assertThat(prysmConfig)
        .hasContent(PrysmChainConfig.derive(Files.readString(release.resolve("config.yaml"))));
    assertThat(written).contains(prysmConfig);
    assertThat(out.resolve("secrets/jwt.hex")).doesNotExist();
    assertThat(written).contains(out.resolve("docker-compose.yaml"));
    assertThat(Files.readString(out.resolve("docker-compose.yaml")))
        .isEqualTo(renderer.render(plan));
  }
}
