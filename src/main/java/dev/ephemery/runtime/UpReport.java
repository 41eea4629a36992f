package dev.ephemery.runtime;

import java.util.List;

/** What {@code up} changed (or would change) on one host. */
public record UpReport(String host, boolean dryRun, List<Change> changes) {
  public UpReport {
    changes = List.copyOf(changes);
  }
}
