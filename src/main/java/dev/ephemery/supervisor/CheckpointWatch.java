package dev.ephemery.supervisor;

import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.health.Expected;
import dev.ephemery.network.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The supervisor's look at the node's configured checkpoint-sync server, scored exactly as {@code
 * ephemery checkpoint} scores it ({@link CheckpointScoring}): reachable, serving the running
 * iteration's genesis, its finalized epoch at most {@link CheckpointScoring#STALE_EPOCHS} behind
 * the clock. A node only needs the server when it (re)starts from a checkpoint, at a reset above
 * all, so a stale server is worth an alert before that moment; every {@link #INTERVAL} is enough
 * for that and light on a public server.
 */
public final class CheckpointWatch {

  /** How often the server is asked: two small GETs each time. */
  public static final Duration INTERVAL = Duration.ofMinutes(5);

  /** Asks one endpoint what the scoring needs (genesis and finality checkpoints). */
  public interface Probe {
    CheckpointScoring.Candidate ask(String url);
  }

  /**
   * The last verdict.
   *
   * @param label the URL as a metric label: without user info, query or fragment, which may carry a
   *     token
   * @param lagEpochs epochs the server's finalized checkpoint is behind the clock (negative:
   *     ahead), or null when it did not answer, serves another chain or gave no finalized epoch
   * @param reason the scoring's words, for the log
   */
  public record Reading(String label, boolean ok, Long lagEpochs, String reason, Instant at) {}

  private static final Pattern URL =
      Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?:[^@/?#]*@)?(?<rest>[^?#]*).*");

  private final String url;
  private final Probe probe;
  private final Supplier<Optional<Release>> installed;
  private final Clock clock;
  private volatile Reading last;

  /**
   * @param installed the verified release of the iteration the node runs (the chain the server must
   *     serve), empty while unknown
   */
  public CheckpointWatch(
      String url, Probe probe, Supplier<Optional<Release>> installed, Clock clock) {
    this.url = url;
    this.probe = probe;
    this.installed = installed;
    this.clock = clock;
  }

  /**
   * Asks the server and scores its answer against the running iteration; nothing is asked while
   * that iteration's release is not known (the previous reading stays).
   */
  public Optional<Reading> check() {
    Optional<Release> release = installed.get();
    if (release.isEmpty()) {
      return last();
    }
    CheckpointScoring.Candidate answer = probe.ask(url);
    Instant now = clock.instant();
    Expected expected = Expected.of(release.get());
    CheckpointScoring.Score score = CheckpointScoring.score(answer, expected, now);
    last =
        new Reading(
            label(url),
            score.accepted(),
            CheckpointScoring.lagEpochs(answer, expected, now).orElse(null),
            score.reason(),
            now);
    return last();
  }

  public Optional<Reading> last() {
    return Optional.ofNullable(last);
  }

  /** The URL without what may be a secret in it, and safe inside a label's quotes. */
  static String label(String url) {
    Matcher m = URL.matcher(url);
    String shown = m.matches() ? m.group("scheme") + m.group("rest") : "(not a URL)";
    return shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
