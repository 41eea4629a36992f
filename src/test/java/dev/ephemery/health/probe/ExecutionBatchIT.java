package dev.ephemery.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.ephemery.health.Observed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The execution probe's four calls go as one JSON-RPC 2.0 batch (one POST); a server that does not
 * take batches (it answers the array with a single "Invalid Request" error, as the JSON-RPC 2.0
 * spec's section 6 has it for servers that cannot) is asked one call at a time and judged the same.
 * A loopback stand-in answering the execution-apis result shapes.
 */
class ExecutionBatchIT {

  static final ObjectMapper JSON = new ObjectMapper();
  HttpServer server;
  final AtomicInteger posts = new AtomicInteger();

  @AfterEach
  void stop() {
    server.stop(0);
  }

  int start(boolean batches) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          posts.incrementAndGet();
          JsonNode request = JSON.readTree(exchange.getRequestBody());
          JsonNode reply;
          if (request.isArray() && batches) {
            ArrayNode all = JSON.createArrayNode();
            List<JsonNode> calls = new ArrayList<>();
            request.forEach(calls::add);
            // Any order: the probe must match by id.
            for (int i = calls.size() - 1; i >= 0; i--) {
              all.add(answer(calls.get(i)));
            }
            reply = all;
          } else if (request.isArray()) {
            ObjectNode error = JSON.createObjectNode().put("jsonrpc", "2.0").putNull("id");
            error.putObject("error").put("code", -32600).put("message", "Invalid Request");
            reply = error;
          } else {
            reply = answer(request);
          }
          byte[] body = JSON.writeValueAsBytes(reply);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server.getAddress().getPort();
  }

  static JsonNode answer(JsonNode call) {
    ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
    reply.set("id", call.get("id"));
    switch (call.get("method").asText()) {
      case "eth_chainId" -> reply.put("result", "0x259c7a9");
      case "eth_syncing" ->
          reply
              .putObject("result")
              .put("startingBlock", "0x0")
              .put("currentBlock", "0x10")
              .put("highestBlock", "0x20");
      case "net_peerCount" -> reply.put("result", "0x3");
      case "eth_getBlockByNumber" ->
          reply.putObject("result").put("number", "0x10").put("timestamp", "0x6568a2f0");
      default -> reply.putObject("error").put("code", -32601).put("message", "Method not found");
    }
    return reply;
  }

  Observed.Execution observe(int port) {
    try (NodeHttp http =
        new NodeHttp(new LocalStreams(), Clock.systemUTC(), Duration.ofSeconds(5))) {
      return ExecutionProbe.observe(http, "127.0.0.1", port, new ArrayList<>());
    }
  }

  static void assertSeen(Observed.Execution seen) {
    assertThat(seen.error()).isNull();
    assertThat(seen.chainId()).isEqualTo(39438249L);
    assertThat(seen.syncing()).isTrue();
    assertThat(seen.currentBlock()).isEqualTo(16L);
    assertThat(seen.highestBlock()).isEqualTo(32L);
    assertThat(seen.peers()).isEqualTo(3L);
    assertThat(seen.headNumber()).isEqualTo(16L);
    assertThat(seen.headTimestamp()).isEqualTo(0x6568a2f0L);
  }

  @Test
  void theFourCallsAreOneBatchMatchedById() throws IOException {
    Observed.Execution seen = observe(start(true));
    assertSeen(seen);
    assertThat(posts).hasValue(1);
  }

  @Test
  void aServerWithoutBatchesIsAskedOneCallAtATime() throws IOException {
    Observed.Execution seen = observe(start(false));
    assertSeen(seen);
    assertThat(posts).hasValue(1 + 4);
  }
}
