package dev.ephemery.supervisor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ephemery.common.InvalidInputException;
import dev.ephemery.network.ChainId;
import dev.ephemery.network.Iteration;
import dev.ephemery.ops.JournalJson;
import dev.ephemery.ops.ResetJournal;
import dev.ephemery.plan.EphemeryMetrics;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private volatile Supplier<Optional<CheckpointWatch.Reading>> checkpoint = Optional::empty;

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
    server.createContext(
        "/",
        ex -> {
          if ("/".equals(ex.getRequestURI().getPath())) {
            respond(ex, 200, "text/html; charset=utf-8", html());
          } else {
            respond(ex, 404, "text/plain", "not found\n");
          }
        });
  }

  /** Serves the checkpoint server's last verdict in /metrics (none: the families stay empty). */
  public StatusServer checkpoint(Supplier<Optional<CheckpointWatch.Reading>> readings) {
    this.checkpoint = readings;
    return this;
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
    Instant now = clock.instant();
    StringBuilder out = new StringBuilder();
    gauge(out, EphemeryMetrics.ITERATION, "Iteration the node runs.", s.iteration());
    gauge(
        out,
        EphemeryMetrics.CHAIN_ID,
        "Chain id of the iteration the node runs.",
        s.iteration() == null ? null : ChainId.ofIteration(new Iteration(s.iteration())).value());
    gauge(out, EphemeryMetrics.LATEST_RELEASE, "Newest verified release.", s.latestRelease());
    Long toNext = s.nextSwitch() == null ? null : Duration.between(now, s.nextSwitch()).toSeconds();
    gauge(out, EphemeryMetrics.SECONDS_TO_NEXT_RESET, "Seconds until the next switch.", toNext);
    gauge(
        out,
        EphemeryMetrics.NEXT_RESET_TIME,
        "Unix time of the next switch.",
        seconds(s.nextSwitch()));
    out.append("# HELP ")
        .append(EphemeryMetrics.RESET_PHASE)
        .append(" The supervisor's phase: 1 for the current one.\n# TYPE ")
        .append(EphemeryMetrics.RESET_PHASE)
        .append(" gauge\n");
    String phase = ResetWindow.phaseId(s.phase());
    for (String p : EphemeryMetrics.PHASES) {
      out.append(EphemeryMetrics.RESET_PHASE)
          .append("{phase=\"")
          .append(p)
          .append("\"} ")
          .append(p.equals(phase) ? 1 : 0)
          .append('\n');
    }
    gauge(
        out,
        EphemeryMetrics.RESET_IN_PROGRESS,
        "1 while a reset runs.",
        "resetting".equals(phase) ? 1 : 0);
    gauge(
        out,
        EphemeryMetrics.RESET_WINDOW,
        "1 in the planned reset window: alerts that a reset trips are held back.",
        ResetWindow.open(s, now) ? 1 : 0);
    ResetJournal last = s.lastReset();
    boolean ended = last != null && last.state().terminal();
    gauge(
        out,
        EphemeryMetrics.LAST_RESET_DURATION,
        "Duration of the last reset.",
        last == null ? null : last.duration().toSeconds());
    gauge(
        out,
        EphemeryMetrics.LAST_RESET_DOWNTIME,
        "Stop to start of the last reset.",
        last == null || last.downtime() == null ? null : last.downtime().toSeconds());
    gauge(
        out,
        EphemeryMetrics.LAST_RESET_SUCCESS,
        "1 when the last reset ended DONE, 0 when it ended FAILED.",
        ended ? ResetWindow.success(last.state()) : null);
    gauge(
        out,
        EphemeryMetrics.LAST_RESET_END,
        "Unix time the last reset ended.",
        ended ? seconds(last.updatedAt()) : null);
    gauge(
        out,
        EphemeryMetrics.RELEASE_DETECTED,
        "Unix time this supervisor first saw the newest verified release.",
        seconds(s.times().releaseDetected()));
    gauge(
        out,
        EphemeryMetrics.CL_GENESIS,
        "Unix time of the running iteration's CL genesis.",
        seconds(s.times().clGenesis()));
    gauge(
        out,
        EphemeryMetrics.LATEST_CL_GENESIS,
        "Unix time of the newest release's CL genesis.",
        seconds(s.times().latestClGenesis()));
    out.append("# HELP " + EphemeryMetrics.RESET_FAILURES + " Resets that ended FAILED.\n")
        .append("# TYPE " + EphemeryMetrics.RESET_FAILURES + " counter\n")
        .append(EphemeryMetrics.RESET_FAILURES + " ")
        .append(s.failedResets())
        .append('\n');
    out.append(
            "# HELP " + EphemeryMetrics.COMPONENT_UP + " Whether a component's container runs.\n")
        .append("# TYPE " + EphemeryMetrics.COMPONENT_UP + " gauge\n");
    health
        .get()
        .forEach(
            (component, up) ->
                out.append(EphemeryMetrics.COMPONENT_UP + "{component=\"")
                    .append(component.replace("\"", ""))
                    .append("\"} ")
                    .append(up ? 1 : 0)
                    .append('\n'));
    AutoRecovery.Snapshot r = recovery.get();
    out.append("# HELP " + EphemeryMetrics.RESTARTS + " Restarts made by auto-recovery.\n")
        .append("# TYPE " + EphemeryMetrics.RESTARTS + " counter\n");
    new java.util.TreeMap<>(r.restarts())
        .forEach(
            (service, n) ->
                out.append(EphemeryMetrics.RESTARTS + "{service=\"")
                    .append(service.replace("\"", ""))
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    out.append(
            "# HELP "
                + EphemeryMetrics.RECOVERY_STOPPED
                + " Whether auto-recovery gave up on a service.\n")
        .append("# TYPE " + EphemeryMetrics.RECOVERY_STOPPED + " gauge\n");
    r.states()
        .keySet()
        .forEach(
            service ->
                out.append(EphemeryMetrics.RECOVERY_STOPPED + "{service=\"")
                    .append(service.replace("\"", ""))
                    .append("\"} ")
                    .append(r.givenUp().contains(service) ? 1 : 0)
                    .append('\n'));
    checkpointMetrics(out, checkpoint.get());
    return out.toString();
  }

  /** The families are always declared, so rules and dashboards can name them; samples once read. */
  private static void checkpointMetrics(
      StringBuilder out, Optional<CheckpointWatch.Reading> reading) {
    String label = reading.map(r -> "{url=\"" + r.label() + "\"} ").orElse(null);
    family(
        out,
        EphemeryMetrics.CHECKPOINT_OK,
        "1 when the configured checkpoint server serves the running iteration, finalized at most 8"
            + " epochs behind the clock.");
    reading.ifPresent(
        r ->
            out.append(EphemeryMetrics.CHECKPOINT_OK)
                .append(label)
                .append(r.ok() ? 1 : 0)
                .append('\n'));
    family(
        out,
        EphemeryMetrics.CHECKPOINT_LAG,
        "Epochs the checkpoint server's finalized checkpoint is behind the clock.");
    reading.ifPresent(
        r ->
            out.append(EphemeryMetrics.CHECKPOINT_LAG)
                .append(label)
                .append(r.lagEpochs() == null ? "NaN" : r.lagEpochs().toString())
                .append('\n'));
    family(
        out, EphemeryMetrics.CHECKPOINT_PROBED, "Unix time the checkpoint server was last asked.");
    reading.ifPresent(
        r ->
            out.append(EphemeryMetrics.CHECKPOINT_PROBED)
                .append(label)
                .append(r.at().getEpochSecond())
                .append('\n'));
  }

  private static void family(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }

  private static Long seconds(Instant at) {
    return at == null ? null : at.getEpochSecond();
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
    return StatusPage.render(supervisor.status(), health.get(), recovery.get(), clock.instant());
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
