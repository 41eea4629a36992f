package dev.ephemery.runtime.docker;

import dev.ephemery.plan.HostPlan;
import dev.ephemery.plan.Mount;
import dev.ephemery.plan.PlannedPath;
import dev.ephemery.plan.PlannedPath.Kind;
import dev.ephemery.plan.PortBinding;
import dev.ephemery.plan.Role;
import dev.ephemery.plan.Service;
import java.util.List;
import java.util.Map;

/** Hand-made host plans whose containers are busybox stand-ins for the clients. */
final class TestPlans {
  /** Busybox as PID 1 ignores SIGTERM; the stand-ins exit on it like real clients do. */
  static final String TERM = "trap 'exit 0' TERM; ";

  private TestPlans() {}

  /**
   * A planned service as a stand-in: its ports, mounts, env, labels and limits, but {@code image}
   * sleeping until stopped instead of its client.
   */
  static Service sleeping(Service s, String image) {
    return new Service(
        s.name(),
        s.role(),
        s.client(),
        image,
        List.of("sh", "-c"),
        List.of(TERM + "sleep 3600 & wait"),
        s.ports(),
        s.mounts(),
        s.env(),
        s.labels(),
        s.dependsOn(),
        false,
        s.user(),
        s.restartPolicy(),
        s.memoryLimit(),
        null,
        List.of());
  }

  static HostPlan node(String node, String address, String baseDir, String image, String elArg) {
    List<PlannedPath> paths =
        List.of(
            new PlannedPath(baseDir + "/data", Kind.DIRECTORY, 0755, null),
            new PlannedPath(baseDir + "/data/el", Kind.DIRECTORY, 0755, null),
            new PlannedPath(baseDir + "/data/cl", Kind.DIRECTORY, 0700, "1000:1000"),
            new PlannedPath(baseDir + "/validator-keys", Kind.DIRECTORY, 0700, null),
            new PlannedPath(baseDir + "/jwt.hex", Kind.JWT_SECRET, 0600, null),
            new PlannedPath(baseDir + "/testnet", Kind.RELEASE_FILES, 0755, null));
    Service init =
        new Service(
            "init",
            Role.INIT,
            "busybox",
            image,
            List.of("sh", "-c"),
            List.of("test -f /testnet/config.yaml && echo initialised > /data/initialised"),
            List.of(),
            List.of(new Mount("data/el", "/data", false), new Mount("testnet", "/testnet", true)),
            Map.of(),
            Map.of(),
            List.of(),
            true,
            null,
            null,
            null);
    Service el =
        new Service(
            "el",
            Role.EXECUTION,
            "busybox",
            image,
            List.of("sh", "-c"),
            List.of(
                "test -s /jwt.hex || exit 4; "
                    + TERM
                    + "httpd -f -p 8545 -h /data "
                    + elArg
                    + " & wait"),
            List.of(new PortBinding(8545, null, "127.0.0.1", "tcp", "rpc")),
            List.of(new Mount("data/el", "/data", false), new Mount("jwt.hex", "/jwt.hex", true)),
            Map.of("EL_NAME", "stand-in"),
            Map.of(),
            List.of("init"),
            false,
            null,
            "unless-stopped",
            "64m");
    Service cl =
        new Service(
            "cl",
            Role.CONSENSUS,
            "busybox",
            image,
            List.of("sh", "-c"),
            List.of(TERM + "sleep 3600 & wait"),
            List.of(),
            List.of(new Mount("data/cl", "/data", false), new Mount("jwt.hex", "/jwt.hex", true)),
            Map.of(),
            Map.of(),
            List.of("el"),
            false,
            null,
            "unless-stopped",
            null);
    return new HostPlan(node, address, baseDir, 153, node + "-net", paths, List.of(init, el, cl));
  }
}
