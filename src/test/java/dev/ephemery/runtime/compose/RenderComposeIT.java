package dev.ephemery.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.inventory.Flavor;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Planner;
import dev.ephemery.testing.Fixtures;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The compose export is checked by the real Compose: {@code docker-compose config} (or {@code
 * docker compose config}) must accept it and see the services the plan has. The binary comes from
 * EPHEMERY_IT_COMPOSE (a path, or "docker compose") or the PATH.
 */
class RenderComposeIT {

  static List<String> compose() throws Exception {
    String configured = System.getenv("EPHEMERY_IT_COMPOSE");
    if (configured != null && !configured.isBlank()) {
      return List.of(configured.trim().split("\\s+"));
    }
    Path legacy = onPath("docker-compose");
    if (legacy != null) {
      return List.of(legacy.toString());
    }
    Path docker = onPath("docker");
    if (docker != null && run(List.of(docker.toString(), "compose", "version"), null).exit == 0) {
      return List.of(docker.toString(), "compose");
    }
    String reason =
        "EPHEMERY_IT_COMPOSE is not set and neither docker-compose nor the docker compose plugin"
            + " is on the PATH";
    if (dev.ephemery.testkit.TestServices.isCi()) {
      fail(reason + " (ephemery.ci=true: a missing service is an error)");
    }
    System.err.println("[RenderComposeIT] skipping: " + reason);
    Assumptions.abort(reason);
    return List.of();
  }

  private static Path onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  record Result(int exit, String output) {}

  static Result run(List<String> command, Path dir) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("compose config did not finish in 60 s: " + command);
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} + {1} ({2})")
  @CsvSource({
    "GETH, LIGHTHOUSE, UPSTREAM",
    "ERIGON, TEKU, UPSTREAM",
    "NETHERMIND, PRYSM, UPSTREAM",
    "RETH, LODESTAR, WRAPPER"
  })
  void composeAcceptsTheExport(
      ExecutionClient el, ConsensusClient cl, Flavor flavor, @TempDir Path tmp) throws Exception {
    List<String> compose = compose();
    var inventory = Fixtures.host(el, cl).flavor(flavor).validator(cl).inventory();
    HostPlan plan = new Planner().plan(inventory, Fixtures.release153()).hosts().get(0);
    Path out = tmp.resolve("out");
    new ComposeRenderer().write(plan, Fixtures.releaseFolder(tmp.resolve("release")), out);

    List<String> config = new ArrayList<>(compose);
    config.addAll(List.of("-f", out.resolve(ComposeRenderer.FILE_NAME).toString(), "config"));
    Result result = run(config, out);
    assertThat(result.exit()).as(result.output()).isZero();

    List<String> servicesCommand = new ArrayList<>(config);
    servicesCommand.add("--services");
    Result services = run(servicesCommand, out);
    assertThat(services.exit()).as(services.output()).isZero();
    assertThat(services.output().lines().map(String::trim).filter(s -> !s.isEmpty()).toList())
        .containsExactlyInAnyOrderElementsOf(
            plan.services().stream()
                .filter(s -> s.role() != dev.ephemery.plan.Role.SUPERVISOR)
                .map(dev.ephemery.plan.Service::name)
                .toList());
    assertThat(result.output()).doesNotContain("8551:8551").contains("127.0.0.1");
  }
}
