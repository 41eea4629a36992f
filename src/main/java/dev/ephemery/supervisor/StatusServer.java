package dev.ephemery.supervisor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.ops.JournalJson;
import dev.ephemery.ops.ResetJournal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /metrics} (Prometheus text format, written by hand: eight gauges do not need a metrics
 * library), {@code /status} (JSON), {@code /} (a small HTML page) and {@code POST /reset}, which
 * needs the bearer token from a 0600 file. Binds to loopback unless told otherwise.
 */
public final class StatusServer implements AutoCloseable {

  private final HttpServer server;
  private final Supervisor supervisor;
  private final Supplier<Map<String, Boolean>> health;
  private final Clock clock;
  private final byte[] token;
  private final Supplier<AutoRecovery.Snapshot> recovery;

  public StatusServer(
      InetSocketAddress address,
      Supervisor supervisor,
      Supplier<Map<String, Boolean>> health,
      Path tokenFile,
      Clock clock)
      throws IOException {
    this(address, supervisor, health, () -> AutoRecovery.Snapshot.EMPTY, tokenFile, clock);
  }

  public StatusServer(
      InetSocketAddress address,
      Supervisor supervisor,
      Supplier<Map<String, Boolean>> health,
      Supplier<AutoRecovery.Snapshot> recovery,
      Path tokenFile,
      Clock clock)
      throws IOException {
    this.recovery = recovery;
    this.supervisor = supervisor;
    this.health = health;
    this.clock = clock;
    this.token = tokenFile == null ? null : readToken(tokenFile);
    this.server = HttpServer.create(address, 16);
    server.createContext(
        "/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4", metrics()));
    server.createContext("/status", ex -> respond(ex, 200, "application/json", status()));
    server.createContext("/reset", this::reset);
    server.createContext("/", ex -> respond(ex, 200, "text/html; charset=utf-8", html()));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(1);
  }

  static byte[] readToken(Path file) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
        .containsAll(perms)) {
      throw InvalidInputException.of(
          file.toString(),
          "the HTTP token file must be readable by its owner only",
          "chmod 600 " + file);
    }
    String value = Files.readString(file).trim();
    if (value.length() < 16) {
      throw InvalidInputException.of(
          file.toString(), "the HTTP token is too short", "use 32+ random characters");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private void reset(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      respond(exchange, 405, "text/plain", "POST only\n");
      return;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] given =
        header == null || !header.startsWith("Bearer ")
            ? new byte[0]
            : header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (token == null || !MessageDigest.isEqual(token, given)) {
      respond(exchange, 401, "text/plain", "a valid bearer token is required\n");
      return;
    }
    supervisor.requestReset();
    respond(exchange, 202, "text/plain", "reset requested\n");
  }

  String metrics() {
    Supervisor.Status s = supervisor.status();
    StringBuilder out = new StringBuilder();
    gauge(out, "ephemery_iteration", "Iteration the node runs.", s.iteration());
    gauge(out, "ephemery_latest_release_iteration", "Newest verified release.", s.latestRelease());
    Long toNext =
        s.nextSwitch() == null
            ? null
            : Duration.between(clock.instant(), s.nextSwitch()).toSeconds();
    gauge(out, "ephemery_seconds_to_next_reset", "Seconds until the next switch.", toNext);
    ResetJournal last = s.lastReset();
    gauge(
        out,
        "ephemery_last_reset_duration_seconds",
        "Duration of the last reset.",
        last == null ? null : last.duration().toSeconds());
    gauge(
        out,
        "ephemery_last_reset_downtime_seconds",
        "Stop to start of the last reset.",
        last == null || last.downtime() == null ? null : last.downtime().toSeconds());
    out.append("# HELP ephemery_reset_failures_total Resets that ended FAILED.\n")
        .append("# TYPE ephemery_reset_failures_total counter\n")
        .append("ephemery_reset_failures_total ")
        .append(s.failedResets())
        .append('\n');
    out.append("# HELP ephemery_component_up Whether a component's container runs.\n")
        .append("# TYPE ephemery_component_up gauge\n");
    health
        .get()
        .forEach(
            (component, up) ->
                out.append("ephemery_component_up{component=\"")
                    .append(component.replace("\"", ""))
                    .append("\"} ")
                    .append(up ? 1 : 0)
                    .append('\n'));
    AutoRecovery.Snapshot r = recovery.get();
    out.append("# HELP ephemery_container_restarts_total Restarts made by auto-recovery.\n")
        .append("# TYPE ephemery_container_restarts_total counter\n");
    new java.util.TreeMap<>(r.restarts())
        .forEach(
            (service, n) ->
                out.append("ephemery_container_restarts_total{service=\"")
                    .append(service.replace("\"", ""))
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    out.append("# HELP ephemery_recovery_stopped Whether auto-recovery gave up on a service.\n")
        .append("# TYPE ephemery_recovery_stopped gauge\n");
    r.states()
        .keySet()
        .forEach(
            service ->
                out.append("ephemery_recovery_stopped{service=\"")
                    .append(service.replace("\"", ""))
                    .append("\"} ")
                    .append(r.givenUp().contains(service) ? 1 : 0)
                    .append('\n'));
    return out.toString();
  }

  private static void gauge(StringBuilder out, String name, String help, Number value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value == null ? "NaN" : value.toString()).append('\n');
  }

  String status() throws IOException {
    return statusJson(supervisor.status(), health.get(), recovery.get());
  }

  /**
   * The /status document, written field by field with the streaming generator (databind stays out
   * of the supervisor): the keys, order and forms databind gave the same map and records.
   */
  static String statusJson(
      Supervisor.Status s, Map<String, Boolean> components, AutoRecovery.Snapshot recovery)
      throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JournalJson.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("phase", s.phaseText());
      g.writeObjectField("iteration", s.iteration());
      g.writeObjectField("latestRelease", s.latestRelease());
      g.writeStringField("nextSwitch", s.nextSwitch() == null ? null : s.nextSwitch().toString());
      g.writeNumberField("failedResets", s.failedResets());
      g.writeFieldName("components");
      writeMap(g, components);
      g.writeFieldName("lastReset");
      if (s.lastReset() == null) {
        g.writeNull();
      } else {
        JournalJson.write(g, s.lastReset());
      }
      g.writeFieldName("recovery");
      if (recovery == null) {
        g.writeNull();
      } else {
        g.writeStartObject();
        g.writeFieldName("states");
        writeMap(g, recovery.states());
        g.writeFieldName("restarts");
        writeMap(g, recovery.restarts());
        g.writeFieldName("diagnoses");
        writeMap(g, recovery.diagnoses());
        g.writeFieldName("givenUp");
        writeList(g, recovery.givenUp());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  /**
   * A map of strings to strings, numbers or booleans (writeObject handles those without a codec).
   */
  private static void writeMap(JsonGenerator g, Map<String, ?> map) throws IOException {
    if (map == null) {
      g.writeNull();
      return;
    }
    g.writeStartObject();
    for (Map.Entry<String, ?> e : map.entrySet()) {
      g.writeObjectField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void writeList(JsonGenerator g, List<String> list) throws IOException {
    if (list == null) {
      g.writeNull();
      return;
    }
    g.writeStartArray();
    for (String item : list) {
      g.writeString(item);
    }
    g.writeEndArray();
  }

  private String html() {
    Supervisor.Status s = supervisor.status();
    return "<!doctype html><html><head><meta charset=utf-8><title>ephemery</title></head><body>"
        + "<h1>ephemery node</h1><p>phase: "
        + escape(s.phaseText())
        + "</p><p>iteration: "
        + s.iteration()
        + "</p><p>next switch: "
        + s.nextSwitch()
        + "</p>"
        + "<p><a href=/status>status JSON</a> · <a href=/metrics>metrics</a></p></body></html>";
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;");
  }

  private static void respond(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
