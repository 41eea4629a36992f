package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ephemery.common.InvalidInputException;
import dev.ephemery.common.OperationalException;
import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.PlanHash;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Service;
import dev.ephemery.runtime.Fleet;
import dev.ephemery.runtime.Purge;
import dev.ephemery.runtime.ssh.HostKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RuntimeRulesTest {

  static HostPlan plan() {
    return TestPlans.node("n1", "local", "/srv/eph", "img", "");
  }

  static HostPlan withServices(HostPlan plan, List<Service> services) {
    return plan.withServices(services);
  }

  static Service with(Service s, List<String> dependsOn, List<PortBinding> ports) {
    return new Service(
        s.name(),
        s.role(),
        s.client(),
        s.image(),
        s.entrypoint(),
        s.command(),
        ports,
        s.mounts(),
        s.env(),
        s.labels(),
        dependsOn,
        s.runOnce(),
        s.user(),
        s.restartPolicy(),
        s.memoryLimit());
  }

  @Test
  void startOrderPutsDependenciesFirstWhateverThePlanOrder() {
    HostPlan plan = plan();
    List<Service> reversed = new ArrayList<>(plan.services());
    java.util.Collections.reverse(reversed);

    assertThat(dev.ephemery.plan.StartOrder.of(withServices(plan, reversed)))
        .extracting(Service::name)
        .containsExactly("init", "el", "cl");
  }

  @Test
  void dependencyCycleIsBadInput() {
    HostPlan plan = plan();
    List<Service> services = new ArrayList<>(plan.services());
    services.set(1, with(services.get(1), List.of("cl"), services.get(1).ports()));

    assertThatThrownBy(() -> dev.ephemery.plan.StartOrder.of(withServices(plan, services)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void pathsOutsideBaseDirAreRefused() {
    HostPaths paths = HostPaths.of("/srv/eph");

    assertThatThrownBy(() -> paths.onHost("x", "../etc/passwd"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("outside baseDir");
    assertThatThrownBy(() -> paths.onHost("x", "/srv/ephemeral/data"))
        .isInstanceOf(InvalidInputException.class);
    assertThat(paths.inHelper("x", "/srv/eph/data/el")).isEqualTo("/ephemery-base/data/el");
    assertThatThrownBy(() -> HostPaths.of("/")).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void writableMountOutsideBaseDirIsRefusedButReadOnlyIsAllowed() {
    HostPaths paths = HostPaths.of("/srv/eph");

    assertThat(paths.mountSource("m", "/srv/keys", true).toString()).isEqualTo("/srv/keys");
    assertThatThrownBy(() -> paths.mountSource("m", "/srv/keys", false))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void planHashChangesWithTheServiceAndStaysForAnEqualPlan() {
    HostPlan plan = plan();
    Service el = plan.services().get(1);

    assertThat(PlanHash.of(plan, el)).isEqualTo(PlanHash.of(plan(), plan().services().get(1)));
    assertThat(PlanHash.of(plan, with(el, el.dependsOn(), List.of())))
        .isNotEqualTo(PlanHash.of(plan, el));
  }

  @Test
  void purgeDataKeepsKeysAndJwtAndNeverBaseDir() {
    List<String> doomed =
        new DataPurge(null, plan(), "img").doomed(Purge.DATA).stream().map(p -> p.path()).toList();

    assertThat(doomed)
        .containsExactlyInAnyOrder("/srv/eph/data/el", "/srv/eph/data/cl", "/srv/eph/testnet");
    assertThat(
            new DataPurge(null, plan(), "img")
                .doomed(Purge.DATA_AND_KEYS).stream().map(p -> p.path()))
        .contains("/srv/eph/validator-keys", "/srv/eph/jwt.hex")
        .doesNotContain("/srv/eph");
  }

  @Test
  void oneFailingHostDoesNotStopTheOthers() {
    List<Fleet.Outcome<String>> outcomes =
        Fleet.run(
            List.of("a", "bad", "c"),
            h -> h,
            2,
            h -> {
              if (h.equals("bad")) {
                throw new OperationalException(h, "daemon down", "start it");
              }
              return h.toUpperCase(Locale.ROOT);
            });

    assertThat(outcomes).extracting(Fleet.Outcome::host).containsExactly("a", "bad", "c");
    assertThat(outcomes).extracting(Fleet.Outcome::ok).containsExactly(true, false, true);
    assertThat(outcomes.get(1).problems().get(0).message()).isEqualTo("daemon down");
    assertThat(outcomes.get(2).value()).isEqualTo("C");
  }

  @Test
  void memoryLimitsAreReadWithUnits() {
    assertThat(DockerRuntime.bytes("8g")).isEqualTo(8L << 30);
    assertThat(DockerRuntime.bytes("64m")).isEqualTo(64L << 20);
    assertThat(DockerRuntime.bytes("1024")).isEqualTo(1024L);
  }

  @Test
  void fingerprintIsOpenSshsSha256Form() {
    byte[] blob = {0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd', '2', '5', '5', '1', '9', 1, 2};

    assertThat(HostKeys.fingerprint(blob)).startsWith("SHA256:").doesNotEndWith("=");
    assertThat(HostKeys.keyType(blob)).isEqualTo("ssh-ed25519");
    assertThat(HostKeys.knownHostsName("h", 22)).isEqualTo("h");
    assertThat(HostKeys.knownHostsName("h", 2222)).isEqualTo("[h]:2222");
  }
}
