package dev.ephemery.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Scores checkpoint-sync endpoints for the current iteration and picks one. Pure: what each
 * endpoint answered, the expected chain and the time in; accepted or rejected with the reason out.
 * An endpoint is accepted when it answered, serves the release's genesis (genesis_validators_root
 * and genesis_time), and its finalized epoch is plausible for the time since genesis: not ahead of
 * the clock, and at most {@link #STALE_EPOCHS} behind. The pick is the least behind, then the
 * fastest; when none qualifies, the node syncs from genesis, which costs little early in an
 * iteration.
 */
public final class CheckpointScoring {

  /** Ephemery's SECONDS_PER_SLOT x SLOTS_PER_EPOCH (release config.yaml: 12 x 32). */
  public static final long EPOCH_SECONDS = 384;

  /** Finality trails the head by about 2 epochs; 8 (about 51 min) is stale. */
  public static final long STALE_EPOCHS = 8;

  /** Up to this age of the chain, syncing from genesis is cheap. */
  public static final Duration GENESIS_SYNC_CHEAP = Duration.ofDays(1);

  /**
   * What one endpoint answered.
   *
   * @param origin why it is a candidate: {@code configured}, {@code known}, {@code given}
   * @param failure why it gave no answer, or null
   */
  public record Candidate(
      String url,
      String origin,
      String failure,
      String genesisValidatorsRoot,
      Long genesisTime,
      Long finalizedEpoch,
      long millis) {}

  /** One endpoint's verdict; {@code lagEpochs} is null for a rejected one. */
  public record Score(Candidate candidate, boolean accepted, String reason, Long lagEpochs) {}

  /**
   * The outcome.
   *
   * @param pick the endpoint to use, or empty for genesis sync
   * @param note what was chosen and why, in words
   */
  public record Pick(Optional<String> pick, List<Score> scores, String note) {}

  private CheckpointScoring() {}

  public static Pick score(List<Candidate> candidates, Expected expected, Instant now) {
    List<Score> scores = new ArrayList<>();
    for (Candidate c : candidates) {
      scores.add(score(c, expected, now));
    }
    Optional<Score> best =
        scores.stream()
            .filter(Score::accepted)
            .min(
                Comparator.comparingLong((Score s) -> s.lagEpochs())
                    .thenComparingLong(s -> s.candidate().millis()));
    Duration age = Duration.between(expected.clGenesisTime(), now);
    String cheap =
        age.compareTo(GENESIS_SYNC_CHEAP) < 0
            ? " (the chain is " + HealthRules.human(age) + " old: syncing from genesis is cheap)"
            : "";
    String note =
        best.map(s -> "use " + s.candidate().url() + " (" + s.reason() + ")" + cheap)
            .orElse(
                "no endpoint qualifies: sync from genesis (no checkpointSyncUrl)"
                    + (cheap.isEmpty() ? "; it takes longer the older the chain is" : cheap));
    return new Pick(best.map(s -> s.candidate().url()), scores, note);
  }

  /** One endpoint's verdict, as {@link #score(List, Expected, Instant)} gives it for each. */
  public static Score score(Candidate c, Expected expected, Instant now) {
    if (c.failure() != null) {
      return new Score(c, false, "unreachable: " + c.failure(), null);
    }
    long want = expected.clGenesisTime().getEpochSecond();
    if (!servesExpected(c, expected)) {
      Optional<Integer> earlier =
          c.genesisTime() == null
              ? Optional.empty()
              : HealthRules.earlierIteration(c.genesisTime(), want, expected);
      return new Score(
          c,
          false,
          earlier
              .map(i -> "serves iteration " + i + ", not " + expected.iteration() + " (previous)")
              .orElse(
                  "serves another chain (genesis_time "
                      + c.genesisTime()
                      + ", genesis_validators_root "
                      + c.genesisValidatorsRoot()
                      + ")"),
          null);
    }
    if (c.finalizedEpoch() == null) {
      return new Score(c, false, "answered no finalized epoch", null);
    }
    long expectedEpoch = clockEpoch(expected, now);
    long lag = expectedEpoch - c.finalizedEpoch();
    if (lag < -1) {
      return new Score(
          c,
          false,
          "finalized epoch "
              + c.finalizedEpoch()
              + " is ahead of the clock (epoch "
              + expectedEpoch
              + ")",
          null);
    }
    if (lag > STALE_EPOCHS) {
      return new Score(
          c,
          false,
          "stale: finalized epoch "
              + c.finalizedEpoch()
              + ", "
              + lag
              + " epochs behind the clock's "
              + expectedEpoch,
          null);
    }
    return new Score(
        c,
        true,
        "iteration "
            + expected.iteration()
            + ", finalized epoch "
            + c.finalizedEpoch()
            + " ("
            + Math.max(0, lag)
            + " behind), "
            + c.millis()
            + " ms",
        Math.max(0, lag));
  }

  /**
   * How many epochs the endpoint's finalized checkpoint is behind the clock's epoch (negative:
   * ahead of it); empty when it did not answer, serves another chain or gave no finalized epoch.
   */
  public static Optional<Long> lagEpochs(Candidate c, Expected expected, Instant now) {
    if (c.failure() != null || !servesExpected(c, expected) || c.finalizedEpoch() == null) {
      return Optional.empty();
    }
    return Optional.of(clockEpoch(expected, now) - c.finalizedEpoch());
  }

  private static boolean servesExpected(Candidate c, Expected expected) {
    boolean rootOk =
        expected.genesisValidatorsRoot() == null
            || expected.genesisValidatorsRoot().equalsIgnoreCase(c.genesisValidatorsRoot());
    return c.genesisTime() != null
        && c.genesisTime() == expected.clGenesisTime().getEpochSecond()
        && rootOk;
  }

  private static long clockEpoch(Expected expected, Instant now) {
    return Math.max(
        0, (now.getEpochSecond() - expected.clGenesisTime().getEpochSecond()) / EPOCH_SECONDS);
  }
}
