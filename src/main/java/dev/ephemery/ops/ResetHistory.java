package dev.ephemery.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One line per past reset of a host, for {@code ephemery history}. */
public record ResetHistory(String host, List<Entry> resets) {

  /**
   * @param durationSeconds from DETECTED to the last transition
   * @param downtimeSeconds from STOPPING to the containers started, or null if it did not get there
   */
  public record Entry(
      String id,
      Integer fromIteration,
      int toIteration,
      ResetState state,
      ResetState failedIn,
      String reason,
      boolean forced,
      Instant startedAt,
      Instant endedAt,
      Long durationSeconds,
      Long downtimeSeconds,
      int steps) {}

  public static ResetHistory of(String host, JournalStore store) {
    return new ResetHistory(
        host,
        store.all().stream()
            .map(
                j ->
                    new Entry(
                        j.id(),
                        j.fromIteration(),
                        j.toIteration(),
                        j.state(),
                        j.failedIn(),
                        j.reason(),
                        j.forced(),
                        j.startedAt(),
                        j.updatedAt(),
                        seconds(j.duration()),
                        seconds(j.downtime()),
                        j.transitions().size()))
            .toList());
  }

  private static Long seconds(Duration duration) {
    return duration == null ? null : duration.toSeconds();
  }
}
