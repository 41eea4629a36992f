package dev.ephemery.supervisor;

import dev.ephemery.network.ChainId;
import dev.ephemery.network.Iteration;
import dev.ephemery.ops.ResetJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The supervisor's HTML page at {@code /}: the same facts as {@code /status} for a person with a
 * browser. One self-contained document: inline style, no script, no external asset, so it shows the
 * same on an air-gapped host and cannot be made to load anything; it refreshes itself with a meta
 * tag.
 */
final class StatusPage {
  private static final String STYLE =
      "body{font:15px/1.4 system-ui,sans-serif;margin:2em;max-width:52em;color:#222}"
          + "table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;"
          + "text-align:left}.up{color:#17702c}.down{color:#b00020;font-weight:bold}";

  private StatusPage() {}

  static String render(
      Supervisor.Status s,
      Map<String, Boolean> components,
      AutoRecovery.Snapshot recovery,
      Instant now) {
    StringBuilder html = new StringBuilder(2048);
    html.append("<!doctype html><html lang=en><head><meta charset=utf-8>")
        .append("<meta http-equiv=refresh content=30>")
        .append("<title>ephemery node</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>Ephemery node</h1><table>");
    row(html, "iteration", s.iteration() == null ? "unknown" : s.iteration().toString());
    row(
        html,
        "chain id",
        s.iteration() == null
            ? "unknown"
            : Long.toString(ChainId.ofIteration(new Iteration(s.iteration())).value()));
    row(html, "phase", s.phaseText());
    row(
        html,
        "newest release",
        s.latestRelease() == null ? "none yet" : "iteration " + s.latestRelease());
    row(html, "next reset", countdown(s.nextSwitch(), now));
    row(html, "failed resets", Integer.toString(s.failedResets()));
    html.append("</table><h2>Components</h2>");
    if (components.isEmpty()) {
      html.append("<p>no component seen yet</p>");
    } else {
      html.append("<table><tr><th>component<th>state</tr>");
      new TreeMap<>(components)
          .forEach(
              (name, up) ->
                  html.append("<tr><td>")
                      .append(escape(name))
                      .append("<td class=")
                      .append(up ? "up>running" : "down>down")
                      .append("</tr>"));
      html.append("</table>");
    }
    Map<String, Long> restarts = recovery == null ? Map.of() : recovery.restarts();
    if (!restarts.isEmpty()) {
      html.append("<h2>Restarts by auto-recovery</h2><table>");
      new TreeMap<>(restarts).forEach((name, n) -> row(html, name, Long.toString(n)));
      html.append("</table>");
    }
    html.append("<h2>Last reset</h2>");
    lastReset(html, s.lastReset());
    html.append("<p><a href=/status>status as JSON</a> · <a href=/metrics>metrics</a></p>")
        .append("</body></html>");
    return html.toString();
  }

  private static void lastReset(StringBuilder html, ResetJournal last) {
    if (last == null) {
      html.append("<p>none since this supervisor started</p>");
      return;
    }
    html.append("<table>");
    row(
        html,
        "iteration",
        (last.fromIteration() == null ? "?" : last.fromIteration()) + " to " + last.toIteration());
    row(html, "outcome", last.state().name());
    row(html, "started", last.startedAt().toString());
    row(html, "duration", human(last.duration()));
    if (last.downtime() != null) {
      row(html, "downtime", human(last.downtime()));
    }
    if (last.reason() != null && !last.reason().isBlank()) {
      row(html, "reason", last.reason());
    }
    html.append("</table>");
  }

  static String countdown(Instant next, Instant now) {
    if (next == null) {
      return "unknown";
    }
    Duration left = Duration.between(now, next);
    String when = next.toString();
    return left.isNegative()
        ? "due since " + human(left.negated()) + " (" + when + ")"
        : "in " + human(left) + " (" + when + ")";
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s >= 86_400) {
      return s / 86_400 + "d " + s % 86_400 / 3600 + "h " + s % 3600 / 60 + "m";
    }
    if (s >= 3600) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    return s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
  }

  private static void row(StringBuilder html, String key, String value) {
    html.append("<tr><th>")
        .append(escape(key))
        .append("<td>")
        .append(escape(value))
        .append("</tr>");
  }

  static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
  }
}
