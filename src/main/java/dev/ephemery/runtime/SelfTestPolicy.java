package dev.ephemery.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * When {@code up} runs the EL-CL link self-test (see {@link SelfTestDecision}), and where it keeps
 * the record of the last pass per node.
 *
 * <p>The records live on the machine that runs {@code up} (a cache: losing one costs one self-test,
 * never a check), one small file per node holding the {@link SelfTestDecision#fingerprint} of the
 * containers it passed against. A failed self-test removes the record, so the next {@code up} runs
 * it again whatever changed.
 *
 * @param asked run it every time ({@code up --verify})
 * @param records the folder of the records, or null to keep none (then it runs every time)
 */
public record SelfTestPolicy(boolean asked, Path records) {

  /** Every {@code up} runs it, nothing is recorded: what callers that did not choose get. */
  public static final SelfTestPolicy EVERY_TIME = new SelfTestPolicy(true, null);

  /** The records' folder: {@code EPHEMERY_LINK_RECORDS}, else beside the release cache. */
  public static Path defaultRecords(Map<String, String> env, String userHome) {
    String configured = env.get("EPHEMERY_LINK_RECORDS");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".cache");
    return cache.resolve("ephemery").resolve("link-self-tests");
  }

  /** The fingerprint recorded at the node's last pass, or null. */
  public String passedFor(String node) {
    if (records == null) {
      return null;
    }
    try {
      return Files.readString(file(node), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException noRecord) {
      return null;
    }
  }

  /** Records a pass; a record that cannot be written only costs a self-test next time. */
  public void passed(String node, String fingerprint) {
    if (records == null) {
      return;
    }
    try {
      Files.createDirectories(records);
      Path tmp = Files.createTempFile(records, node, ".tmp");
      Files.writeString(tmp, fingerprint, StandardCharsets.UTF_8);
      Files.move(tmp, file(node), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException ignored) {
      // next up runs the self-test again
    }
  }

  /** Forgets the node's pass: the next {@code up} runs the self-test whatever changed. */
  public void failed(String node) {
    if (records == null) {
      return;
    }
    try {
      Files.deleteIfExists(file(node));
    } catch (IOException | RuntimeException ignored) {
      // the record stays: the next up skips only for these very containers (up --verify runs it)
    }
  }

  private Path file(String node) {
    return records.resolve(node + ".passed");
  }
}
