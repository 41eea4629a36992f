package dev.ephemery.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert rules shipped with the tool. Rules a planned reset trips on purpose (containers stop,
 * chains restart at genesis) are held back while the supervisor says the reset window is open
 * ({@link EphemeryMetrics#RESET_WINDOW}); rules about the reset itself are not. Each rule is
 * covered by a {@code promtool test rules} case, held-back ones by a case inside the window too.
 */
public final class AlertRules {

  /** The recording rule giving each EL's head block under one name, whatever the client. */
  public static final String EXECUTION_HEAD = "ephemery:execution_head_block";

  /** Ephemery's SECONDS_PER_SLOT (the release's config.yaml). */
  static final int SECONDS_PER_SLOT = 12;

  /** Minutes after the new CL genesis by which the node should run the new iteration. */
  static final int NEW_ITERATION_MINUTES = 30;

  /** How long before the end of a period a missing release is an alert. */
  static final int RELEASE_MISSING_HOURS = 6;

  static final String HOLD_BACK = " unless on() (" + EphemeryMetrics.RESET_WINDOW + " == 1)";

  /** One alert: its name, expression, pending time, whether the reset window holds it back. */
  public record Alert(
      String name, String expr, String forDuration, boolean heldBack, String summary) {
    String fullExpr() {
      return heldBack ? "(" + expr + ")" + HOLD_BACK : expr;
    }
  }

  private AlertRules() {}

  /** Every alert, in the order of docs/monitoring.md. */
  public static List<Alert> alerts() {
    return List.of(
        new Alert(
            "EphemeryTargetDown",
            "up{job!=\"prometheus\"} == 0",
            "5m",
            true,
            "{{ $labels.job }} on {{ $labels.node }} does not answer its metrics endpoint"),
        new Alert(
            "EphemeryComponentDown",
            EphemeryMetrics.COMPONENT_UP + " == 0",
            "5m",
            true,
            "{{ $labels.component }} is not running"),
        new Alert(
            "EphemeryRestartLoop",
            "increase("
                + EphemeryMetrics.RESTARTS
                + "[30m]) >= 3 or "
                + EphemeryMetrics.RECOVERY_STOPPED
                + " == 1",
            "0m",
            true,
            "{{ $labels.service }} keeps restarting"),
        new Alert(
            "EphemeryExecutionNotSynced",
            // "and ... offset 10m": only a head seen for 10 minutes can have stood still that long.
            "changes(" + EXECUTION_HEAD + "[10m]) == 0 and " + EXECUTION_HEAD + " offset 10m",
            "5m",
            true,
            "the execution client's head has not moved for 15 minutes"),
        new Alert(
            "EphemeryConsensusNotSynced",
            "(time() - scalar("
                + EphemeryMetrics.CL_GENESIS
                + ")) / "
                + SECONDS_PER_SLOT
                + " - max by (node, client) (beacon_head_slot{role=\"consensus\"}) > 64",
            "10m",
            true,
            "the beacon node's head is more than 64 slots behind the clock"),
        new Alert(
            "EphemeryNotOnNewIteration",
            EphemeryMetrics.LATEST_RELEASE
                + " > "
                + EphemeryMetrics.ITERATION
                + " and on(node) (time() - "
                + EphemeryMetrics.LATEST_CL_GENESIS
                + " > "
                + NEW_ITERATION_MINUTES * 60
                + ")",
            "0m",
            false,
            "the node is not on iteration {{ $value }} "
                + NEW_ITERATION_MINUTES
                + " minutes after the new CL genesis"),
        new Alert(
            "EphemeryDiskLow",
            "node_filesystem_avail_bytes{mountpoint=\""
                + MonitoringPlan.BASE_IN_NODE_EXPORTER
                + "\"} / node_filesystem_size_bytes{mountpoint=\""
                + MonitoringPlan.BASE_IN_NODE_EXPORTER
                + "\"} < 0.10",
            "10m",
            false,
            "less than 10% free on the disk holding baseDir"),
        new Alert(
            "EphemeryCheckpointStale",
            // Three probes in a row (the supervisor asks every 5 minutes): one slow answer is not
            // an alert. Held back: right after a reset a server finalizes the new chain late.
            EphemeryMetrics.CHECKPOINT_OK + " == 0",
            "15m",
            true,
            "checkpoint server {{ $labels.url }} is unreachable, serves another chain or is"
                + " stale: a node restarting from it now would not start or sync"),
        new Alert(
            "EphemeryResetFailed",
            EphemeryMetrics.LAST_RESET_SUCCESS + " == 0",
            "0m",
            false,
            "the last reset ended FAILED: see 'ephemery history'"),
        new Alert(
            "EphemeryReleaseMissing",
            "("
                + EphemeryMetrics.SECONDS_TO_NEXT_RESET
                + " < "
                + RELEASE_MISSING_HOURS * 3600
                + ") and on(node) ("
                + EphemeryMetrics.LATEST_RELEASE
                + " <= on(node) "
                + EphemeryMetrics.ITERATION
                + ")",
            "0m",
            false,
            "no release for the next iteration "
                + RELEASE_MISSING_HOURS
                + " hours before the period ends"));
  }

  static Map<String, Object> document(Set<String> families) {
    List<Map<String, Object>> records = new ArrayList<>();
    Set<String> heads = new LinkedHashSet<>();
    for (String family : families) {
      MetricCatalog.of(family).map(MetricCatalog.ClientMetrics::headBlock).ifPresent(heads::add);
    }
    for (String head : heads) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("record", EXECUTION_HEAD);
      record.put("expr", "max by (node, client) (" + head + "{role=\"execution\"})");
      records.add(record);
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Alert alert : alerts()) {
      Map<String, Object> rule = new LinkedHashMap<>();
      rule.put("alert", alert.name());
      rule.put("expr", alert.fullExpr());
      rule.put("for", alert.forDuration());
      rule.put("labels", OrderedMap.of("severity", alert.heldBack() ? "warning" : "critical"));
      rule.put("annotations", OrderedMap.of("summary", alert.summary()));
      rules.add(rule);
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    if (!records.isEmpty()) {
      groups.add(OrderedMap.of("name", "ephemery-records", "rules", records));
    }
    Map<String, Object> alerting = new LinkedHashMap<>();
    alerting.put("name", "ephemery");
    alerting.put("rules", rules);
    groups.add(alerting);
    return OrderedMap.of("groups", groups);
  }
}
