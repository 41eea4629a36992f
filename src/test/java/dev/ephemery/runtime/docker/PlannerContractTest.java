package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.inventory.ConsensusClient;
import dev.ephemery.inventory.ExecutionClient;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.Planner;
import dev.ephemery.plan.Role;
import dev.ephemery.runtime.Labels;
import dev.ephemery.runtime.Purge;
import dev.ephemery.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the runtime relies on in every real plan: checked for every client pair. */
class PlannerContractTest {

  static HostPlan plan(ExecutionClient el, ConsensusClient cl) {
    return new Planner()
        .planHost(Fixtures.host(el, cl).baseDir("/srv/ephemery").build(), Fixtures.release153());
  }

  @ParameterizedTest
  @EnumSource(ExecutionClient.class)
  void elAndClShareTheOneJwtSecretAndTheEnginePortIsNamed(ExecutionClient el) {
    for (ConsensusClient cl : ConsensusClient.values()) {
      HostPlan plan = plan(el, cl);

      assertThat(EngineSelfTest.sharedSecretProblems(plan)).as(el + "+" + cl).isEmpty();
      assertThat(EngineSelfTest.enginePort(plan)).as(el + "+" + cl).isPresent();
      assertThat(dev.ephemery.plan.StartOrder.of(plan)).hasSameSizeAs(plan.services());
    }
  }

  @ParameterizedTest
  @EnumSource(ExecutionClient.class)
  void containersAreNamedAsThePlanNamesThemSoLogsAndEndpointsAgree(ExecutionClient el) {
    for (ConsensusClient cl : ConsensusClient.values()) {
      HostPlan plan = plan(el, cl);
      plan.services()
          .forEach(
              service ->
                  assertThat(Labels.containerName(plan, service))
                      .as(el + "+" + cl)
                      .isEqualTo(service.name()));
    }
  }

  @ParameterizedTest
  @EnumSource(ConsensusClient.class)
  void purgeKeepsTheValidatorKeysFolders(ConsensusClient cl) {
    HostPlan plan =
        new Planner()
            .planHost(
                Fixtures.host(ExecutionClient.GETH, cl).validator(cl).build(),
                Fixtures.release153());

    List<PlannedPath> doomed = new DataPurge(null, plan, "unused").doomed(Purge.DATA);

    List<String> validatorMounts =
        plan.services().stream()
            .filter(s -> s.role() == Role.VALIDATOR)
            .flatMap(s -> s.mounts().stream())
            .map(m -> m.source())
            .toList();
    assertThat(doomed).noneMatch(p -> validatorMounts.contains(p.path()));
    assertThat(doomed).noneMatch(p -> p.path().contains("secrets"));
    assertThat(doomed).anyMatch(p -> p.path().endsWith("/geth"));
    assertThat(new DataPurge(null, plan, "unused").doomed(Purge.DATA_AND_KEYS))
        .hasSizeGreaterThanOrEqualTo(doomed.size() + 1)
        .anyMatch(p -> p.kind() == PlannedPath.Kind.JWT_SECRET);
  }

  @ParameterizedTest
  @EnumSource(ConsensusClient.class)
  void purgeNeverDeletesTheJwtSecretAndEveryPathStaysUnderBaseDir(ConsensusClient cl) {
    HostPlan plan = plan(ExecutionClient.GETH, cl);
    HostPaths paths = HostPaths.of(plan.baseDir());

    List<PlannedPath> doomed = new DataPurge(null, plan, "unused").doomed(Purge.DATA);

    assertThat(doomed).noneMatch(p -> p.kind() == PlannedPath.Kind.JWT_SECRET);
    assertThat(doomed).isNotEmpty();
    for (PlannedPath path : plan.paths()) {
      assertThat(paths.onHost("paths", path.path()).startsWith(paths.baseDir()))
          .as(path.path())
          .isTrue();
    }
  }
}
