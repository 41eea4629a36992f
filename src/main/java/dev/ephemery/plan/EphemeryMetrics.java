package dev.ephemery.plan;

import java.util.List;

/**
 * The names of the metrics the supervisor serves at {@code /metrics}: written there, read by the
 * alert rules and the dashboards, and documented in docs/monitoring.md. One place, so a rename
 * cannot leave a rule watching a metric nobody writes.
 */
public final class EphemeryMetrics {
  public static final String ITERATION = "ephemery_iteration";
  public static final String CHAIN_ID = "ephemery_chain_id";
  public static final String LATEST_RELEASE = "ephemery_latest_release_iteration";
  public static final String SECONDS_TO_NEXT_RESET = "ephemery_seconds_to_next_reset";
  public static final String NEXT_RESET_TIME = "ephemery_next_reset_timestamp_seconds";
  public static final String RESET_PHASE = "ephemery_reset_phase";
  public static final String RESET_IN_PROGRESS = "ephemery_reset_in_progress";
  public static final String RESET_WINDOW = "ephemery_reset_window";
  public static final String LAST_RESET_DURATION = "ephemery_last_reset_duration_seconds";
  public static final String LAST_RESET_DOWNTIME = "ephemery_last_reset_downtime_seconds";
  public static final String LAST_RESET_SUCCESS = "ephemery_last_reset_success";
  public static final String LAST_RESET_END = "ephemery_last_reset_end_timestamp_seconds";
  public static final String RESET_FAILURES = "ephemery_reset_failures_total";
  public static final String RELEASE_DETECTED = "ephemery_release_detected_timestamp_seconds";
  public static final String CL_GENESIS = "ephemery_cl_genesis_timestamp_seconds";
  public static final String LATEST_CL_GENESIS =
      "ephemery_latest_release_cl_genesis_timestamp_seconds";
  public static final String COMPONENT_UP = "ephemery_component_up";
  public static final String RESTARTS = "ephemery_container_restarts_total";
  public static final String RECOVERY_STOPPED = "ephemery_recovery_stopped";
  public static final String CHECKPOINT_OK = "ephemery_checkpoint_ok";
  public static final String CHECKPOINT_LAG = "ephemery_checkpoint_finalized_epoch_lag";
  public static final String CHECKPOINT_PROBED = "ephemery_checkpoint_probe_timestamp_seconds";

  /** The values of {@link #RESET_PHASE}'s {@code phase} label: one series each, one of them 1. */
  public static final List<String> PHASES =
      List.of("starting", "running", "waiting", "resetting", "failed", "unfinished", "locked");

  private EphemeryMetrics() {}
}
