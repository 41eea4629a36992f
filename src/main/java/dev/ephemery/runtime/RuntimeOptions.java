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
 * @param localFiles baseDir is on this machine's file system (the daemon is local): the planned
 *     paths are probed directly and the helper container only runs when one must change
 * @param verifyStarted whether {@code up} waits for each started container to stay up and checks
 *     the EL-CL link before returning; off when the caller verifies afterwards (the reset's
 *     VERIFYING state), so that these checks are not on the path to the last container started
 * @param selfTest when the EL-CL link self-test runs (with {@code verifyStarted})
 */
public record RuntimeOptions(
    boolean dryRun,
    Path releaseDir,
    String helperImage,
    Duration waitTimeout,
    boolean waitForHealth,
    SupervisorFiles supervisor,
    boolean localFiles,
    boolean verifyStarted,
    SelfTestPolicy selfTest) {

  /** With the self-test at every {@code up}. */
  public RuntimeOptions(
      boolean dryRun,
      Path releaseDir,
      String helperImage,
      Duration waitTimeout,
      boolean waitForHealth,
      SupervisorFiles supervisor,
      boolean localFiles,
      boolean verifyStarted) {
    this(
        dryRun,
        releaseDir,
        helperImage,
        waitTimeout,
        waitForHealth,
        supervisor,
        localFiles,
        verifyStarted,
        SelfTestPolicy.EVERY_TIME);
  }

  /** These options with baseDir on this machine or not (see {@code localFiles}). */
  public RuntimeOptions withLocalFiles(boolean local) {
    return new RuntimeOptions(
        dryRun,
        releaseDir,
        helperImage,
        waitTimeout,
        waitForHealth,
        supervisor,
        local,
        verifyStarted,
        selfTest);
  }

  /** These options with another self-test policy. */
  public RuntimeOptions withSelfTest(SelfTestPolicy policy) {
    return new RuntimeOptions(
        dryRun,
        releaseDir,
        helperImage,
        waitTimeout,
        waitForHealth,
        supervisor,
        localFiles,
        verifyStarted,
        policy);
  }

  /** Pinned by tag and digest-stable version; overridable with EPHEMERY_HELPER_IMAGE. */
  public static final String DEFAULT_HELPER_IMAGE = "busybox:1.37.0";

  /** Files through the helper, started containers checked before {@code up} returns. */
  public RuntimeOptions(
      boolean dryRun,
      Path releaseDir,
      String helperImage,
      Duration waitTimeout,
      boolean waitForHealth,
      SupervisorFiles supervisor) {
    this(dryRun, releaseDir, helperImage, waitTimeout, waitForHealth, supervisor, false, true);
  }

  /** Without health waits and without supervisor files. */
  public RuntimeOptions(boolean dryRun, Path releaseDir, String helperImage, Duration waitTimeout) {
    this(dryRun, releaseDir, helperImage, waitTimeout, false, null);
  }

  /**
   * What a reset's STARTING uses on a local host: files probed directly, containers started without
   * waiting on them (VERIFYING checks that they stay up).
   */
  public static RuntimeOptions forReset(Path releaseDir, String helperImage, Duration waitTimeout) {
    return new RuntimeOptions(
        false, releaseDir, helperImage, waitTimeout, false, null, true, false);
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
