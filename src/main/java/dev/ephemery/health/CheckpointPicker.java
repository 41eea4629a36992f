package dev.ephemery.health;

import java.time.Instant;

/**
 * The port that scores checkpoint-sync endpoints for the iteration {@code expected} describes and
 * picks one ({@link CheckpointScoring}); its adapter asks the endpoints over the network ({@code
 * health.probe.ProbingCheckpointPicker}). Called at the edge, before planning: the plan only reads
 * the outcome.
 */
@FunctionalInterface
public interface CheckpointPicker {
  CheckpointScoring.Pick pick(Expected expected, Instant now);
}
