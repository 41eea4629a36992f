package dev.ephemery.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code up} runs.
 *
 * @param releaseDir the verified release's files on this machine, or null when none is needed
 * @param helperImage the image of the short-lived helper containers (needs sh, stat, chown, wget)
 * @param waitTimeout how long to wait for containers to run, init steps to finish and health
 *     endpoints to answer
 * @param waitForHealth whether to wait until each planned health endpoint answers
 * @param supervisor the files the on-host supervisor container runs from, or null: then a planned
 *     supervisor is neither created nor changed (an existing one is kept)
 */
public record RuntimeOptions(
    boolean dryRun,
    Path releaseDir,
    String helperImage,
    Duration waitTimeout,
    boolean waitForHealth,
    SupervisorFiles supervisor) {

  /** Pinned by tag and digest-stable version; overridable with EPHEMERY_HELPER_IMAGE. */
  public static final String DEFAULT_HELPER_IMAGE = "busybox:1.37.0";

  /** Without health waits and without supervisor files (what the reset machine uses). */
  public RuntimeOptions(boolean dryRun, Path releaseDir, String helperImage, Duration waitTimeout) {
    this(dryRun, releaseDir, helperImage, waitTimeout, false, null);
  }

  public static String helperImageFromEnvironment() {
    String env = System.getenv("EPHEMERY_HELPER_IMAGE");
    return env == null || env.isBlank() ? DEFAULT_HELPER_IMAGE : env;
  }

  /**
   * What {@code up} copies into {@code <baseDir>/supervisor/}.
   *
   * @param jar the tool's own jar on this machine
   * @param inventories per host name, the inventory the supervisor reads (that host only, local)
   */
  public record SupervisorFiles(Path jar, Map<String, String> inventories) {
    public SupervisorFiles {
      inventories = Map.copyOf(inventories);
    }
  }
}
