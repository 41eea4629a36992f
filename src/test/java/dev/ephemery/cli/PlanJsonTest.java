package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.ops.NodeLayouts;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Plan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Planner;
import dev.ephemery.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON shape of {@code ephemery plan --output json}: scripts and later checks rely on it. */
class PlanJsonTest {
  @TempDir Path temp;

  JsonNode plan(String... initArgs) throws Exception {
    Path file = temp.resolve("inventory.yaml");
    List<String> init = new ArrayList<>(List.of("init", "--force", "-o", file.toString()));
    init.addAll(List.of(initArgs));
    assertThat(CliRun.of(init.toArray(String[]::new)).code()).isZero();
    InitInventories.withValidatorKeys(file);
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    CliRun run =
        CliRun.of(
            "plan", "-f", file.toString(), "--release", release.toString(), "--output", "json");
    assertThat(run.code()).as(run.err()).isZero();
    return run.json();
  }

  @Test
  void hostsHoldServicesWithTheDocumentedFields() throws Exception {
    JsonNode json = plan("--el", "geth", "--cl", "lighthouse", "--validator");
    JsonNode host = json.get("hosts").get(0);
    assertThat(host.get("name").asText()).isEqualTo("node1");
    assertThat(host.get("iteration").isInt()).as("a plain number").isTrue();
    assertThat(host.get("iteration").asInt()).isEqualTo(153);
    assertThat(host.get("network").asText()).isEqualTo("ephemery-node1");
    assertThat(host.get("resetOwner").asText()).isEqualTo("tool");
    List<String> roles = new ArrayList<>();
    for (JsonNode service : host.get("services")) {
      roles.add(service.get("role").asText());
      assertThat(service.get("name").isTextual()).isTrue();
      assertThat(service.get("client").isTextual()).isTrue();
      assertThat(service.get("image").isTextual()).isTrue();
      assertThat(service.get("entrypoint").isNull() || service.get("entrypoint").isArray())
          .isTrue();
      assertThat(service.get("command").isArray()).isTrue();
      assertThat(service.get("env").isObject()).isTrue();
      for (JsonNode port : service.get("ports")) {
        assertThat(port.get("container").isInt()).isTrue();
        assertThat(port.get("host").isNull() || port.get("host").isInt()).isTrue();
        assertThat(port.has("bind")).isTrue();
      }
      for (JsonNode mount : service.get("mounts")) {
        assertThat(mount.get("source").isTextual()).isTrue();
        assertThat(mount.get("target").isTextual()).isTrue();
      }
    }
    assertThat(roles)
        .containsExactly(
            "init",
            "execution",
            "consensus",
            "init",
            "validator",
            "supervisor",
            "monitoring",
            "monitoring",
            "monitoring");
  }

  @Test
  void pathModesAreTheOctalTextAnOperatorReads() throws Exception {
    JsonNode paths = plan("--el", "besu", "--cl", "teku").at("/hosts/0/paths");
    Map<String, String> modes = new LinkedHashMap<>();
    for (JsonNode path : paths) {
      assertThat(path.get("mode").isTextual()).as(path.toString()).isTrue();
      modes.put(
          path.get("kind").asText() + " " + path.get("path").asText(), path.get("mode").asText());
    }
    assertThat(modes)
        .hasEntrySatisfying(
            "JWT_SECRET " + paths.get(0).get("path").asText() + "/secrets/jwt.hex",
            mode -> assertThat(mode).isEqualTo("0600"))
        .containsValue("0755")
        .containsValue("0700");
    assertThat(modes.values()).allMatch(mode -> mode.matches("0[0-7]{3}"));
  }

  @Test
  void aPrintedPlanReadsBackWithTheSameModesThroughThePlanOption() throws Exception {
    Path file = temp.resolve("inventory.yaml");
    assertThat(CliRun.of("init", "--force", "-o", file.toString()).code()).isZero();
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    CliRun run =
        CliRun.of(
            "plan", "-f", file.toString(), "--release", release.toString(), "--output", "json");
    Path planFile = temp.resolve("plan.json");
    Files.writeString(planFile, run.out());
    HostScope scope = new HostScope();
    scope.planFile = planFile;

    Plan readBack = scope.plan().orElseThrow();

    PlanInputs inputs = PlanInputs.load(file, release);
    Plan planned = new Planner().plan(inputs.inventory(), inputs.release());
    assertThat(readBack.hosts().get(0).paths()).isEqualTo(planned.hosts().get(0).paths());
    assertThat(readBack.hosts().get(0).paths())
        .filteredOn(p -> p.kind() == PlannedPath.Kind.JWT_SECRET)
        .singleElement()
        .satisfies(p -> assertThat(p.mode()).isEqualTo(0600));
  }

  @Test
  void eachClientCarriesItsDataLayoutAndAPrintedPlanReadsBackWhole() throws Exception {
    Path file = temp.resolve("inventory.yaml");
    assertThat(
            CliRun.of(
                    "init",
                    "--force",
                    "-o",
                    file.toString(),
                    "--el",
                    "geth",
                    "--cl",
                    "lighthouse",
                    "--validator")
                .code())
        .isZero();
    InitInventories.withValidatorKeys(file);
    Path release = Fixtures.releaseFolder(temp.resolve("release"));
    CliRun run =
        CliRun.of(
            "plan", "-f", file.toString(), "--release", release.toString(), "--output", "json");
    assertThat(run.code()).as(run.err()).isZero();
    JsonNode services = run.json().at("/hosts/0/services");
    Map<String, JsonNode> layouts = new LinkedHashMap<>();
    for (JsonNode service : services) {
      assertThat(service.has("clientRef")).as("derived, not written").isFalse();
      layouts.put(service.get("role").asText(), service.get("layout"));
    }
    JsonNode geth = layouts.get("execution");
    assertThat(geth.get("dataDir").asText()).endsWith("/data/geth");
    assertThat(geth.at("/rules/keep/0").asText()).isEqualTo("geth/nodekey");
    assertThat(geth.at("/rules/reinit").asBoolean()).isTrue();
    assertThat(geth.get("initStep").asText()).isEqualTo("ephemery-node1-geth-init");
    assertThat(geth.has("keep")).as("the rules are written once, under rules").isFalse();
    JsonNode vc = layouts.get("validator");
    assertThat(vc.at("/votingKeys/file").asText())
        .isEqualTo("validators/validator_definitions.yml");
    assertThat(vc.at("/slashingExport/command/0").asText()).isEqualTo("lighthouse");
    assertThat(layouts.get("supervisor").isNull()).isTrue();

    Path planFile = temp.resolve("plan.json");
    Files.writeString(planFile, run.out());
    HostScope scope = new HostScope();
    scope.planFile = planFile;
    HostPlan readBack = scope.plan().orElseThrow().hosts().get(0);
    PlanInputs inputs = PlanInputs.load(file, release);
    HostPlan planned = new Planner().plan(inputs.inventory(), inputs.release()).hosts().get(0);
    assertThat(readBack.services()).isEqualTo(planned.services());
    assertThat(NodeLayouts.of(readBack)).isEqualTo(NodeLayouts.of(planned));
    assertThat(NodeLayouts.of(readBack).components())
        .extracting(c -> c.layout().registersKeysBeforeStart())
        .containsExactly(false, false, true);
  }

  @Test
  void aPlanFileWithNumericModesFromEarlierVersionsStillReadsAndBadModesAreRefused()
      throws Exception {
    Path planFile = temp.resolve("plan.json");
    HostScope scope = new HostScope();
    scope.planFile = planFile;
    Files.writeString(planFile, planWithJwtMode("384"));
    assertThat(scope.plan().orElseThrow().hosts().get(0).paths().get(0).mode()).isEqualTo(0600);
    Files.writeString(planFile, planWithJwtMode("\"600\""));
    assertThat(scope.plan().orElseThrow().hosts().get(0).paths().get(0).mode()).isEqualTo(0600);
    Files.writeString(planFile, planWithJwtMode("\"0644\""));
    assertThat(scope.plan().orElseThrow().hosts().get(0).paths().get(0).mode()).isEqualTo(0644);
    for (String bad : List.of("\"0800\"", "\"rw-------\"", "70000", "-1")) {
      Files.writeString(planFile, planWithJwtMode(bad));
      assertThatThrownBy(scope::plan)
          .as(bad)
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("cannot read the plan")
          .hasMessageContaining("file mode is octal text");
    }
  }

  static String planWithJwtMode(String mode) {
    return """
        {"hosts": [{"name": "node1", "address": "local", "baseDir": "/srv/e", "iteration": 153,
          "network": "ephemery-node1", "resetOwner": "tool", "services": [],
          "paths": [{"path": "/srv/e/secrets/jwt.hex", "kind": "JWT_SECRET", "mode": %s,
            "owner": null}]}]}
        """
        .formatted(mode);
  }

  @Test
  void wrapperGethCommandDoesNotStartWithGethAndEntrypointIsNull() throws Exception {
    JsonNode json = plan("--el", "geth", "--cl", "lighthouse", "--flavor", "wrapper");
    JsonNode geth = json.at("/hosts/0/services/0");
    assertThat(geth.get("role").asText()).isEqualTo("execution");
    assertThat(geth.get("entrypoint").isNull()).isTrue();
    assertThat(geth.get("command").get(0).asText()).isNotEqualTo("geth");
    assertThat(json.at("/hosts/0/resetOwner").asText()).isEqualTo("wrapper");
  }

  @Test
  void engineApiPortIsUnpublishedAndP2pIsOnAllInterfaces() throws Exception {
    JsonNode geth = plan("--el", "geth", "--cl", "teku").at("/hosts/0/services/1");
    for (JsonNode port : geth.get("ports")) {
      String name = port.get("name").asText();
      if (port.get("container").asInt() == 8551) {
        assertThat(port.get("host").isNull()).isTrue();
        assertThat(port.get("bind").isNull()).isTrue();
      } else if (name.startsWith("p2p")) {
        assertThat(port.get("bind").asText()).isEqualTo("0.0.0.0");
      } else if (!port.get("host").isNull()) {
        assertThat(port.get("bind").asText()).isEqualTo("127.0.0.1");
      }
    }
  }
}
