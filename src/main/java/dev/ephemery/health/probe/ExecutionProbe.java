package dev.ephemery.health.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.health.Observed;
import java.io.IOException;
import java.util.List;

/**
 * Asks an execution client's JSON-RPC port ({@code eth_chainId}, {@code eth_syncing}, {@code
 * net_peerCount}, {@code eth_getBlockByNumber("latest")}); the answers become an {@link
 * Observed.Execution} and the Date headers clock readings. Method names and result shapes: the
 * Ethereum JSON-RPC spec (ethereum/execution-apis), quantities as 0x hex.
 */
public final class ExecutionProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExecutionProbe() {}

  public static Observed.Execution observe(
      NodeHttp http, String host, int port, List<Observed.ClockReading> clock) {
    String endpoint = "http://" + host + ":" + port + " (from " + http.describe() + ")";
    try {
      JsonNode[] results = batch(http, host, port, clock);
      if (results == null) {
        results = new JsonNode[CALLS.length];
        for (int i = 0; i < CALLS.length; i++) {
          results[i] = call(http, host, port, CALLS[i][0], CALLS[i][1], clock);
        }
      }
      JsonNode chainId = results[0];
      JsonNode syncing = results[1];
      JsonNode peers = results[2];
      JsonNode head = results[3];
      boolean isSyncing = syncing != null && syncing.isObject();
      return new Observed.Execution(
          endpoint,
          null,
          quantity(chainId),
          syncing == null || syncing.isMissingNode() ? null : isSyncing,
          isSyncing ? quantity(syncing.path("currentBlock")) : null,
          isSyncing ? quantity(syncing.path("highestBlock")) : null,
          quantity(peers),
          head == null ? null : quantity(head.path("number")),
          head == null ? null : quantity(head.path("timestamp")));
    } catch (IOException e) {
      return Observed.Execution.unreachable(endpoint, e.getMessage());
    }
  }

  /** The calls, method and params, in the order {@link #observe} reads their results. */
  static final String[][] CALLS = {
    {"eth_chainId", "[]"},
    {"eth_syncing", "[]"},
    {"net_peerCount", "[]"},
    {"eth_getBlockByNumber", "[\"latest\",false]"},
  };

  /**
   * The four calls as one JSON-RPC 2.0 batch (one POST, one round trip; the spec's batch: an array
   * of requests answered by an array of responses in any order, matched by id). Each result is null
   * when that call answered with an error. Null when the server does not answer the batch as one
   * (HTTP error, or not an array with every id): the calls are then made one by one, so a server
   * without batches is judged as before. IOException when it does not answer at all.
   */
  static JsonNode[] batch(NodeHttp http, String host, int port, List<Observed.ClockReading> clock)
      throws IOException {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < CALLS.length; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i + 1)
          .append(",\"method\":\"")
          .append(CALLS[i][0])
          .append("\",\"params\":")
          .append(CALLS[i][1])
          .append('}');
    }
    NodeHttp.Answer answer = http.post(host, port, "/", body.append(']').toString());
    if (answer.date() != null && clock.isEmpty()) {
      clock.add(new Observed.ClockReading("execution", answer.date(), answer.received()));
    }
    if (answer.status() != 200) {
      return null;
    }
    JsonNode replies;
    try {
      replies = JSON.readTree(answer.body());
    } catch (IOException e) {
      return null;
    }
    if (replies == null || !replies.isArray()) {
      return null;
    }
    JsonNode[] results = new JsonNode[CALLS.length];
    boolean[] seen = new boolean[CALLS.length];
    for (JsonNode reply : replies) {
      int id = reply.path("id").asInt(0);
      if (id >= 1 && id <= CALLS.length) {
        seen[id - 1] = true;
        results[id - 1] = reply.has("result") ? reply.get("result") : null;
      }
    }
    for (boolean s : seen) {
      if (!s) {
        return null;
      }
    }
    return results;
  }

  /** The call's result, or null when it answered with an error; IOException when no answer. */
  private static JsonNode call(
      NodeHttp http,
      String host,
      int port,
      String method,
      String params,
      List<Observed.ClockReading> clock)
      throws IOException {
    NodeHttp.Answer answer =
        http.post(
            host,
            port,
            "/",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                + method
                + "\",\"params\":"
                + params
                + "}");
    if (answer.date() != null && clock.isEmpty()) {
      clock.add(new Observed.ClockReading("execution", answer.date(), answer.received()));
    }
    if (answer.status() != 200) {
      throw new IOException(method + " answered HTTP " + answer.status());
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IOException(method + " answered something other than JSON");
    }
    return body.has("result") ? body.get("result") : null;
  }

  static Long quantity(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    String text = node.asText();
    try {
      return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
