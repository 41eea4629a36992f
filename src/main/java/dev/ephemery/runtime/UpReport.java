package dev.ephemery.runtime;

import java.util.List;

/**
 * What {@code up} changed (or would change) on one host.
 *
 * @param selfTest whether the EL-CL link self-test ran and why, or null when {@code up} did not get
 *     to decide (a dry run, or a caller that verifies afterwards)
 */
public record UpReport(
    String host, boolean dryRun, List<Change> changes, SelfTestDecision selfTest) {
  public UpReport {
    changes = List.copyOf(changes);
  }

  public UpReport(String host, boolean dryRun, List<Change> changes) {
    this(host, dryRun, changes, null);
  }
}
