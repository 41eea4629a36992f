package dev.ephemery.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ephemery.network.Release;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for a consensus client's Beacon Node API on 127.0.0.1 (random port), because no
 * consensus client installs here. It serves the few endpoints the tool reads, shaped as in the
 * ethereum/beacon-APIs spec:
 *
 * <ul>
 *   <li>{@code GET /eth/v1/beacon/genesis}: {@code {"data":{"genesis_time":"<uint64 as
 *       string>","genesis_validators_root":"0x<32 bytes>","genesis_fork_version":"0x<4 bytes>"}}},
 *       or 404 before genesis is known ({@link #noGenesis()});
 *   <li>{@code GET /eth/v1/node/health}: status only, 200 ready, 206 syncing or optimistic (or the
 *       code given as {@code ?syncing_status=}, 400 if it is not within 100..599), 503 not
 *       initialized;
 *   <li>{@code GET /eth/v1/node/syncing}: {@code {"data":{"head_slot":"..","sync_distance":"..",
 *       "is_syncing":..,"is_optimistic":..,"el_offline":..}}};
 *   <li>{@code GET /eth/v1/node/peer_count}: {@code {"data":{"disconnected","connecting",
 *       "connected","disconnecting"}}} (decimal strings);
 *   <li>{@code GET /eth/v1/beacon/states/finalized/finality_checkpoints}: {@code {"data":{
 *       "previous_justified","current_justified","finalized":{"epoch","root"}}}};
 *   <li>{@code GET /eth/v1/node/version}: {@code {"data":{"version":"..."}}};
 *   <li>{@code GET /eth/v1/beacon/states/head/validators?id=..&id=..} (apis/beacon/states/
 *       validators.yaml): {@code {"execution_optimistic":false,"finalized":false,"data":[{"index":
 *       "<uint64>","balance":"<gwei>","status":"<ValidatorStatus>","validator":{"pubkey","
 *       withdrawal_credentials","effective_balance","slashed","activation_eligibility_epoch",
 *       "activation_epoch","exit_epoch","withdrawable_epoch"}}]}}, only the keys given with {@link
 *       #validator} and asked for (repeated or comma-separated ids); 400 for an id that is not a 0x
 *       bytes48 nor an index, 414 for more than 64 ids.
 * </ul>
 *
 * Errors use the spec's {@code {"code":N,"message":"..."}} body. Each test configures the state it
 * needs through the setters (thread-safe), can override any path with {@link #respond}, and can see
 * what was asked via {@link #requests()}.
 */
public final class BeaconApiStandIn implements AutoCloseable {

  public static final String GENESIS = "/eth/v1/beacon/genesis";
  public static final String HEALTH = "/eth/v1/node/health";
  public static final String SYNCING = "/eth/v1/node/syncing";
  public static final String VERSION = "/eth/v1/node/version";
  public static final String VALIDATORS = "/eth/v1/beacon/states/head/validators";
  public static final String PEER_COUNT = "/eth/v1/node/peer_count";
  public static final String FINALITY = "/eth/v1/beacon/states/finalized/finality_checkpoints";

  /** The spec's FAR_FUTURE_EPOCH, 2^64-1. */
  private static final String FAR_FUTURE = Long.toUnsignedString(-1L);

  /** A placeholder; tests that care set their own with {@link #genesis}. */
  public static final String DEFAULT_FORK_VERSION = "0x00000001";

  /** A canned response for {@link #respond}. */
  public record Canned(int status, String body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Canned> overrides = new ConcurrentHashMap<>();

  private volatile Long genesisTime = 1_700_000_000L;
  private volatile String genesisValidatorsRoot = "0x" + "ab".repeat(32);
  private volatile String genesisForkVersion = DEFAULT_FORK_VERSION;
  private volatile int health = 200;
  private volatile long headSlot = 0;
  private volatile long syncDistance = 0;
  private volatile boolean syncing = false;
  private volatile boolean optimistic = false;
  private volatile boolean elOffline = false;
  private volatile String version = "StandIn/v0.0.1-test/linux-x86_64";
  private volatile long peersConnected = 0;
  private volatile long finalizedEpoch = 0;
  private final Map<String, String> validators = new java.util.concurrent.ConcurrentSkipListMap<>();

  private BeaconApiStandIn(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static BeaconApiStandIn start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "beacon-api-stand-in");
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(executor);
      BeaconApiStandIn standIn = new BeaconApiStandIn(server, executor);
      server.createContext("/", standIn::handle);
      server.start();
      return standIn;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The epoch the clock is in {@code elapsed} after genesis (12 s slots, 32 slots an epoch). */
  public static long epochAt(Duration elapsed) {
    return elapsed.getSeconds() / 384;
  }

  /**
   * A checkpoint server on {@code release}'s iteration (fork {@code fork}), {@code elapsed} after
   * its genesis, whose finalized epoch is {@code behind} epochs behind the clock's.
   */
  public static BeaconApiStandIn checkpointServer(
      Release release, String fork, Duration elapsed, long behind) {
    return start()
        .genesis(release.clGenesisTime().getEpochSecond(), release.genesisValidatorsRoot(), fork)
        .finalizedEpoch(epochAt(elapsed) - behind);
  }

  /**
   * A checkpoint server still on the iteration before {@code release}'s: genesis one reset period
   * earlier, another validators root and fork, finalized 2 epochs behind.
   */
  public static BeaconApiStandIn previousIterationServer(
      Release release, String fork, Duration elapsed) {
    return start()
        .genesis(
            release.clGenesisTime().getEpochSecond() - release.resetPeriod().getSeconds(),
            "0x" + "cd".repeat(32),
            fork)
        .finalizedEpoch(epochAt(elapsed) - 2);
  }

  /** {@code http://127.0.0.1:PORT}, what the tool would get as the beacon node URL. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  // ---- configuration, fluent so a test reads as one statement

  public BeaconApiStandIn genesis(long genesisTimeSeconds, String validatorsRoot, String fork) {
    this.genesisTime = genesisTimeSeconds;
    this.genesisValidatorsRoot = validatorsRoot;
    this.genesisForkVersion = fork;
    return this;
  }

  public BeaconApiStandIn genesisTime(long genesisTimeSeconds) {
    this.genesisTime = genesisTimeSeconds;
    return this;
  }

  /** Before genesis a beacon node answers 404 on the genesis endpoint. */
  public BeaconApiStandIn noGenesis() {
    this.genesisTime = null;
    return this;
  }

  /** Synced: health 200, is_syncing false, distance 0. */
  public BeaconApiStandIn synced(long headSlot) {
    this.headSlot = headSlot;
    this.syncDistance = 0;
    this.syncing = false;
    this.optimistic = false;
    this.health = 200;
    return this;
  }

  /** Syncing: health 206, is_syncing true. */
  public BeaconApiStandIn syncing(long headSlot, long syncDistance) {
    this.headSlot = headSlot;
    this.syncDistance = syncDistance;
    this.syncing = true;
    this.health = 206;
    return this;
  }

  public BeaconApiStandIn optimistic(boolean optimistic) {
    this.optimistic = optimistic;
    if (optimistic && health == 200) {
      health = 206;
    }
    return this;
  }

  public BeaconApiStandIn elOffline(boolean elOffline) {
    this.elOffline = elOffline;
    return this;
  }

  /** Not initialized or having issues: health 503. */
  public BeaconApiStandIn unhealthy() {
    this.health = 503;
    return this;
  }

  /** Sets the health status code directly (200, 206 or 503 per the spec). */
  public BeaconApiStandIn health(int status) {
    this.health = status;
    return this;
  }

  /** Connected peers on {@code /eth/v1/node/peer_count}. */
  public BeaconApiStandIn peers(long connected) {
    this.peersConnected = connected;
    return this;
  }

  /** The finalized checkpoint's epoch on {@code .../finalized/finality_checkpoints}. */
  public BeaconApiStandIn finalizedEpoch(long epoch) {
    this.finalizedEpoch = epoch;
    return this;
  }

  public BeaconApiStandIn version(String version) {
    this.version = version;
    return this;
  }

  /**
   * Puts a validator into the head state with the spec status given (e.g. {@code active_ongoing},
   * {@code pending_queued}, {@code exited_slashed}); its index is its order of addition.
   */
  public BeaconApiStandIn validator(String pubkey, String status) {
    String key = pubkey.toLowerCase(java.util.Locale.ROOT);
    String index =
        validators.containsKey(key) ? validators.get(key).split(" ")[0] : "" + validators.size();
    validators.put(key, index + " " + status);
    return this;
  }

  /** Replaces the answer on {@code path} (e.g. a 500, or malformed JSON) until {@link #reset}. */
  public BeaconApiStandIn respond(String path, int status, String body) {
    overrides.put(path, new Canned(status, body));
    return this;
  }

  public BeaconApiStandIn reset(String path) {
    overrides.remove(path);
    return this;
  }

  /** "METHOD /path?query" of every request, in arrival order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  public long requestCount(String path) {
    return requests.stream()
        .filter(r -> r.split(" ", 2)[1].split("\\?", 2)[0].equals(path))
        .count();
  }

  // ---- serving

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      requests.add(exchange.getRequestMethod() + " " + uri);
      Canned canned = overrides.get(path);
      if (canned != null) {
        send(exchange, canned.status(), canned.body());
      } else if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, error(405, "method not allowed"));
      } else {
        switch (path) {
          case GENESIS -> genesis(exchange);
          case HEALTH -> health(exchange, uri.getRawQuery());
          case SYNCING -> send(exchange, 200, syncingJson());
          case VERSION -> send(exchange, 200, "{\"data\":{\"version\":\"" + version + "\"}}");
          case VALIDATORS -> validators(exchange, uri.getRawQuery());
          case PEER_COUNT -> send(exchange, 200, peerCountJson());
          case FINALITY -> send(exchange, 200, finalityJson());
          default -> send(exchange, 404, error(404, "no such endpoint in the stand-in: " + path));
        }
      }
    }
  }

  private void genesis(HttpExchange exchange) throws IOException {
    Long time = genesisTime;
    if (time == null) {
      send(exchange, 404, error(404, "Chain genesis info is not yet known"));
      return;
    }
    send(
        exchange,
        200,
        "{\"data\":{\"genesis_time\":\""
            + Long.toUnsignedString(time)
            + "\",\"genesis_validators_root\":\""
            + genesisValidatorsRoot
            + "\",\"genesis_fork_version\":\""
            + genesisForkVersion
            + "\"}}");
  }

  private void health(HttpExchange exchange, String query) throws IOException {
    int status = health;
    String custom = queryParam(query, "syncing_status");
    if (custom != null) {
      int code;
      try {
        code = Integer.parseInt(custom);
      } catch (NumberFormatException e) {
        code = -1;
      }
      if (code < 100 || code > 599) {
        send(exchange, 400, error(400, "Invalid syncing status code"));
        return;
      }
      if (status == 206) {
        status = code;
      }
    }
    exchange.getResponseHeaders().set("Content-Length", "0");
    exchange.sendResponseHeaders(status, -1);
  }

  private void validators(HttpExchange exchange, String query) throws IOException {
    List<String> ids = new java.util.ArrayList<>();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals("id") && kv.length > 1) {
        for (String id : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(",")) {
          ids.add(id.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    if (ids.size() > 64) {
      send(exchange, 414, error(414, "Too many validator IDs in request"));
      return;
    }
    StringBuilder data = new StringBuilder();
    for (String id : ids) {
      if (!id.matches("0x[0-9a-f]{96}|[0-9]+")) {
        send(exchange, 400, error(400, "Invalid validator ID: " + id));
        return;
      }
      String entry = validators.get(id);
      if (entry == null) {
        continue; // the spec: an unknown key is left out, not an error
      }
      String[] indexAndStatus = entry.split(" ", 2);
      String status = indexAndStatus[1];
      boolean slashed = status.contains("slashed") && !status.contains("unslashed");
      data.append(data.length() == 0 ? "" : ",")
          .append("{\"index\":\"")
          .append(indexAndStatus[0])
          .append("\",\"balance\":\"32000000000\",\"status\":\"")
          .append(status)
          .append("\",\"validator\":{\"pubkey\":\"")
          .append(id)
          .append("\",\"withdrawal_credentials\":\"0x01")
          .append("00".repeat(11))
          .append("ab".repeat(20))
          .append("\",\"effective_balance\":\"32000000000\",\"slashed\":")
          .append(slashed)
          .append(",\"activation_eligibility_epoch\":\"0\",\"activation_epoch\":\"")
          .append(status.startsWith("pending") ? FAR_FUTURE : "0")
          .append("\",\"exit_epoch\":\"")
          .append(
              status.startsWith("pending") || status.equals("active_ongoing") ? FAR_FUTURE : "10")
          .append("\",\"withdrawable_epoch\":\"")
          .append(FAR_FUTURE)
          .append("\"}}");
    }
    send(
        exchange,
        200,
        "{\"execution_optimistic\":false,\"finalized\":false,\"data\":[" + data + "]}");
  }

  /** apis/node/peer_count.yaml: counts as decimal strings. */
  private String peerCountJson() {
    return "{\"data\":{\"disconnected\":\"0\",\"connecting\":\"0\",\"connected\":\""
        + peersConnected
        + "\",\"disconnecting\":\"0\"}}";
  }

  /** apis/beacon/states/finality_checkpoints.yaml: three checkpoints, epoch and root each. */
  private String finalityJson() {
    String root = "\"root\":\"0x" + "cd".repeat(32) + "\"";
    long f = finalizedEpoch;
    return "{\"execution_optimistic\":false,\"finalized\":true,\"data\":{"
        + "\"previous_justified\":{\"epoch\":\""
        + (f + 1)
        + "\","
        + root
        + "},"
        + "\"current_justified\":{\"epoch\":\""
        + (f + 2)
        + "\","
        + root
        + "},"
        + "\"finalized\":{\"epoch\":\""
        + f
        + "\","
        + root
        + "}}}";
  }

  private String syncingJson() {
    return "{\"data\":{\"head_slot\":\""
        + headSlot
        + "\",\"sync_distance\":\""
        + syncDistance
        + "\",\"is_syncing\":"
        + syncing
        + ",\"is_optimistic\":"
        + optimistic
        + ",\"el_offline\":"
        + elOffline
        + "}}";
  }

  private static String queryParam(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals(name)) {
        return kv.length > 1 ? kv[1] : "";
      }
    }
    return null;
  }

  private static String error(int code, String message) {
    return "{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "'") + "\"}";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
