package dev.ephemery.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code up} runs.
 *
 * @param releaseDir the verified release's files on this machine, or null when none is needed
 * @param helperImage the image of the short-lived helper containers (needs sh, stat, chown, wget)
 * @param waitTimeout how long to wait for containers to run and init steps to finish
 */
public record RuntimeOptions(
    boolean dryRun, Path releaseDir, String helperImage, Duration waitTimeout) {

  /** Pinned by tag and digest-stable version; overridable with EPHEMERY_HELPER_IMAGE. */
  public static final String DEFAULT_HELPER_IMAGE = "busybox:1.37.0";

  public static String helperImageFromEnvironment() {
    String env = System.getenv("EPHEMERY_HELPER_IMAGE");
    return env == null || env.isBlank() ? DEFAULT_HELPER_IMAGE : env;
  }
}
