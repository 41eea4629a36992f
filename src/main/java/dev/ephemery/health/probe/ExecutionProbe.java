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
      JsonNode chainId = call(http, host, port, "eth_chainId", "[]", clock);
      JsonNode syncing = call(http, host, port, "eth_syncing", "[]", clock);
      JsonNode peers = call(http, host, port, "net_peerCount", "[]", clock);
      JsonNode head = call(http, host, port, "eth_getBlockByNumber", "[\"latest\",false]", clock);
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
