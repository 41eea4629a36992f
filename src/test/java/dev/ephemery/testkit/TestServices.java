package dev.ephemery.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real services integration tests use, as announced by {@code .ci/services.sh} through {@code
 * EPHEMERY_IT_*} environment variables.
 *
 * <p>Why a single gate: on a developer machine a missing service should not break {@code mvn
 * verify}, so the test is aborted (reported as skipped) with the reason printed. In CI ({@code
 * -Pci}, system property {@code ephemery.ci=true}) a missing service means the CI setup is broken,
 * and a silently skipped IT would hide that, so the test fails instead.
 */
public final class TestServices {

  /** One service and the environment variable that locates it. */
  public enum Service {
    DOCKER_SOCKET("EPHEMERY_IT_DOCKER_SOCKET", true),
    SSH_HOST("EPHEMERY_IT_SSH_HOST", false),
    SSH_PORT("EPHEMERY_IT_SSH_PORT", false),
    SSH_USER("EPHEMERY_IT_SSH_USER", false),
    SSH_KEY("EPHEMERY_IT_SSH_KEY", true),
    SSH_KNOWN_HOSTS("EPHEMERY_IT_SSH_KNOWN_HOSTS", true),
    PROMTOOL("EPHEMERY_IT_PROMTOOL", true),
    PROMETHEUS("EPHEMERY_IT_PROMETHEUS", true),
    ETHEREUMJS("EPHEMERY_IT_ETHEREUMJS", true),
    STANDIN_IMAGE("EPHEMERY_IT_STANDIN_IMAGE", false),
    COMPOSE("EPHEMERY_IT_COMPOSE", true),
    CHROMIUM("EPHEMERY_IT_CHROMIUM", true);

    private final String variable;
    private final boolean isPath;

    Service(String variable, boolean isPath) {
      this.variable = variable;
      this.isPath = isPath;
    }

    public String variable() {
      return variable;
    }
  }

  private static final String HOW_TO =
      "start the services with `.ci/services.sh start` and `. \"$(.ci/services.sh envfile)\"`";

  private TestServices() {}

  /** True when running under the CI profile, where a missing service is an error. */
  public static boolean isCi() {
    return Boolean.getBoolean("ephemery.ci");
  }

  /**
   * Returns the service's value (a path, host, port, user or image name), or ends the test: fails
   * it under CI, aborts it otherwise. A path-valued service whose file does not exist counts as
   * missing, so a stale environment is reported rather than failing later with a confusing error.
   */
  public static String require(Service service) {
    return require(service, System.getenv());
  }

  static String require(Service service, Map<String, String> env) {
    String value = env.get(service.variable);
    String problem = null;
    if (value == null || value.isBlank()) {
      problem = service.variable + " is not set";
    } else if (service.isPath && !Files.exists(Path.of(value))) {
      problem = service.variable + "=" + value + " does not exist";
    }
    if (problem == null) {
      return value;
    }
    String reason = "test service " + service + " missing: " + problem + "; " + HOW_TO;
    if (isCi()) {
      return Assertions.fail(reason + " (ephemery.ci=true: a missing service is an error)");
    }
    System.err.println("[testkit] skipping: " + reason);
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  /** {@link #require(Service)} for path-valued services. */
  public static Path requirePath(Service service) {
    return Path.of(require(service));
  }
}
