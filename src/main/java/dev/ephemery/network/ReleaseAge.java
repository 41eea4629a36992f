package dev.ephemery.network;

import dev.ephemery.common.IsoInstant;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a release's period has ended at an instant the caller passes in (pure: no clock). A node
 * started from an ended release joins a chain nobody runs any more, and a checkpoint server
 * compared against it looks wrong when it is right.
 */
public final class ReleaseAge {

  /**
   * A release whose period ended.
   *
   * @param current what the schedule formula predicts at {@code now}; empty when it cannot say
   */
  public record Expired(
      Release release, Instant ended, Instant now, Optional<IterationInfo> current) {

    /** {@code release ephemery-153's period ended at ...; iteration 154 is current ...}. */
    public String describe() {
      return "release "
          + release.iteration().releaseTag()
          + " (iteration "
          + release.iteration()
          + ") is out of date: its period ended at "
          + IsoInstant.of(ended)
          + "; "
          + current
              .map(
                  info ->
                      "iteration "
                          + info.iteration()
                          + " (chain id "
                          + info.chainId()
                          + ") is current at "
                          + IsoInstant.of(now)
                          + " by the schedule formula")
              .orElse(
                  "the schedule formula cannot say which iteration runs at " + IsoInstant.of(now));
    }
  }

  private ReleaseAge() {}

  /** Empty while {@code now} is before the release's next reset by its own period. */
  public static Optional<Expired> expired(Release release, Instant now) {
    Instant ended = release.nextReset();
    if (now.isBefore(ended)) {
      return Optional.empty();
    }
    Optional<IterationInfo> current =
        IterationFormula.unsupported(now).isPresent()
            ? Optional.empty()
            : Optional.of(IterationFormula.predict(now));
    return Optional.of(new Expired(release, ended, now, current));
  }
}
