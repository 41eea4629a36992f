package dev.ephemery.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Grafana dashboards shipped with the tool, built here rather than downloaded: an Ephemery
 * overview and one per client family of the plan. Every query names only metrics of {@link
 * MetricCatalog} (with their sources), {@link EphemeryMetrics} or the rules' recordings, and every
 * panel the provisioned datasource uid.
 */
public final class Dashboards {

  /** A dashboard's uid (also its file name) and its JSON document. */
  public record Dashboard(String uid, Map<String, Object> document) {}

  private static final String CLOCK_SLOT =
      "(time() - scalar(" + EphemeryMetrics.CL_GENESIS + ")) / " + AlertRules.SECONDS_PER_SLOT;

  private Dashboards() {}

  /** The overview and one dashboard per family, for a plan whose clients are {@code families}. */
  public static List<Dashboard> forPlan(Set<String> families) {
    List<Dashboard> all = new ArrayList<>();
    all.add(overview(families));
    for (String family : families) {
      all.add(family(family));
    }
    return all;
  }

  static Dashboard overview(Set<String> families) {
    Builder b = new Builder();
    b.stat("Iteration", EphemeryMetrics.ITERATION, "none", 4);
    b.stat("Chain id", EphemeryMetrics.CHAIN_ID, "none", 4);
    b.stat("Next reset in", EphemeryMetrics.SECONDS_TO_NEXT_RESET, "s", 4);
    b.stat("Reset window", EphemeryMetrics.RESET_WINDOW, "none", 4);
    b.stat("Last reset took", EphemeryMetrics.LAST_RESET_DURATION, "s", 4);
    b.stat("Last reset succeeded", EphemeryMetrics.LAST_RESET_SUCCESS, "none", 4);
    b.series("Reset phase", "none", query(EphemeryMetrics.RESET_PHASE + " == 1", "{{phase}}"));
    b.series(
        "Health per component",
        "none",
        query(EphemeryMetrics.COMPONENT_UP, "{{component}}"),
        query("up", "scrape {{job}}"));
    List<Map<String, Object>> peers = new ArrayList<>();
    for (String family : families) {
      MetricCatalog.ClientMetrics m = MetricCatalog.of(family).orElse(null);
      if (m != null && m.peers() != null) {
        peers.add(query("sum by (client, role) (" + m.peers() + ")", "{{client}} {{role}}"));
      }
    }
    b.series("EL head block", "none", query(AlertRules.EXECUTION_HEAD, "{{client}}"));
    b.series(
        "CL head slot and the clock",
        "none",
        query("beacon_head_slot{role=\"consensus\"}", "{{client}} head"),
        query("beacon_finalized_epoch{role=\"consensus\"} * 32", "{{client}} finalized"),
        query(CLOCK_SLOT, "clock slot"));
    if (!peers.isEmpty()) {
      b.series("Peers", "none", peers.toArray(Map[]::new));
    }
    b.series(
        "Restarts by auto-recovery",
        "none",
        query("increase(" + EphemeryMetrics.RESTARTS + "[1h])", "{{service}}"));
    b.series(
        "Free disk under baseDir",
        "bytes",
        query(
            "node_filesystem_avail_bytes{mountpoint=\""
                + MonitoringPlan.BASE_IN_NODE_EXPORTER
                + "\"}",
            "free"));
    Map<String, Object> doc = b.dashboard("ephemery-overview", "Ephemery overview");
    // Reset history from the supervisor's own metrics, on every time panel.
    doc.put(
        "annotations",
        OrderedMap.of(
            "list",
            List.of(
                annotation(
                    "Resets", "changes(" + EphemeryMetrics.LAST_RESET_END + "[2m]) > 0", "red"),
                annotation(
                    "Iteration changes",
                    "changes(" + EphemeryMetrics.ITERATION + "[2m]) > 0",
                    "blue"))));
    return new Dashboard("ephemery-overview", doc);
  }

  static Dashboard family(String family) {
    Builder b = new Builder();
    String client = "client=\"" + family + "\"";
    b.series("Scrape state", "none", query("up{" + client + "}", "{{job}}"));
    MetricCatalog.ClientMetrics m =
        MetricCatalog.of(family).orElse(new MetricCatalog.ClientMetrics(null, null, null, null));
    if (m.headBlock() != null) {
      b.series("Head block", "none", query(m.headBlock() + "{" + client + "}", "head"));
      b.series(
          "Blocks per minute",
          "none",
          query("rate(" + m.headBlock() + "{" + client + "}[5m]) * 60", "blocks/min"));
    }
    if (m.headSlot() != null) {
      String selector = "{" + client + ",role=\"consensus\"}";
      b.series(
          "Head slot",
          "none",
          query(m.headSlot() + selector, "head"),
          query(CLOCK_SLOT, "clock slot"));
      b.series(
          "Slots behind the clock",
          "none",
          query(CLOCK_SLOT + " - max(" + m.headSlot() + selector + ")", "behind"));
    }
    if (m.finalizedEpoch() != null) {
      b.series(
          "Finalized epoch",
          "none",
          query(m.finalizedEpoch() + "{" + client + ",role=\"consensus\"}", "finalized"));
    }
    if (m.peers() != null) {
      b.series(
          "Peers", "none", query("sum by (role) (" + m.peers() + "{" + client + "})", "{{role}}"));
    }
    String uid = "ephemery-" + family;
    return new Dashboard(uid, b.dashboard(uid, "Ephemery: " + family));
  }

  private static Map<String, Object> datasource() {
    Map<String, Object> ds = new LinkedHashMap<>();
    ds.put("type", GrafanaProvisioning.DATASOURCE_TYPE);
    ds.put("uid", GrafanaProvisioning.DATASOURCE_UID);
    return ds;
  }

  private static Map<String, Object> query(String expr, String legend) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("datasource", datasource());
    q.put("expr", expr);
    q.put("legendFormat", legend);
    return q;
  }

  private static Map<String, Object> annotation(String name, String expr, String color) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("datasource", datasource());
    a.put("enable", true);
    a.put("expr", expr);
    a.put("iconColor", color);
    a.put("step", "60s");
    a.put("titleFormat", name);
    a.put("useValueForTime", false);
    return a;
  }

  /** Lays panels out on Grafana's 24-column grid and numbers them. */
  private static final class Builder {
    private final List<Map<String, Object>> panels = new ArrayList<>();
    private int x;
    private int y;
    private int rowHeight;

    void stat(String title, String expr, String unit, int width) {
      add("stat", title, unit, width, 4, List.of(query(expr, title)));
    }

    @SafeVarargs
    final void series(String title, String unit, Map<String, Object>... queries) {
      add("timeseries", title, unit, 12, 8, List.of(queries));
    }

    private void add(
        String type, String title, String unit, int w, int h, List<Map<String, Object>> queries) {
      if (x + w > 24) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      Map<String, Object> panel = new LinkedHashMap<>();
      panel.put("id", panels.size() + 1);
      panel.put("type", type);
      panel.put("title", title);
      panel.put("datasource", datasource());
      panel.put("gridPos", OrderedMap.of("x", x, "y", y, "w", w, "h", h));
      panel.put(
          "fieldConfig",
          OrderedMap.of("defaults", OrderedMap.of("unit", unit), "overrides", List.of()));
      List<Map<String, Object>> targets = new ArrayList<>();
      char ref = 'A';
      for (Map<String, Object> q : queries) {
        Map<String, Object> target = new LinkedHashMap<>(q);
        target.put("refId", String.valueOf(ref++));
        targets.add(target);
      }
      panel.put("targets", targets);
      panels.add(panel);
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }

    Map<String, Object> dashboard(String uid, String title) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("uid", uid);
      doc.put("title", title);
      doc.put("tags", List.of("ephemery"));
      doc.put("timezone", "utc");
      doc.put("schemaVersion", 39);
      doc.put("version", 1);
      doc.put("editable", false);
      doc.put("refresh", "30s");
      doc.put("time", OrderedMap.of("from", "now-6h", "to", "now"));
      doc.put("annotations", OrderedMap.of("list", List.of()));
      doc.put("templating", OrderedMap.of("list", List.of()));
      doc.put("panels", panels);
      return doc;
    }
  }
}
