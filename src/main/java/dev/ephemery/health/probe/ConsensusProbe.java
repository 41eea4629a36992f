package dev.ephemery.health.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.health.Observed;
import java.io.IOException;
import java.util.List;

/**
 * Asks a beacon node's REST API (ethereum/beacon-APIs): {@code /eth/v1/node/health} (status only:
 * 200 ready, 206 syncing, 503 not initialized), {@code /eth/v1/node/syncing}, {@code
 * /eth/v1/node/peer_count} and {@code /eth/v1/beacon/genesis}; numbers are decimal strings.
 */
public final class ConsensusProbe {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConsensusProbe() {}

  public static Observed.Consensus observe(
      NodeHttp http, String host, int port, List<Observed.ClockReading> clock) {
    String endpoint = "http://" + host + ":" + port + " (from " + http.describe() + ")";
    try {
      // The four calls are independent: asked at once, the probe costs one round trip, not four.
      List<NodeHttp.Reply> replies =
          http.getAll(
              host,
              port,
              List.of(
                  "/eth/v1/node/health",
                  "/eth/v1/node/syncing",
                  "/eth/v1/node/peer_count",
                  "/eth/v1/beacon/genesis"));
      NodeHttp.Answer health = replies.get(0).get();
      if (health.date() != null) {
        clock.add(new Observed.ClockReading("consensus", health.date(), health.received()));
      }
      JsonNode syncing = data(replies.get(1).get());
      JsonNode peers = data(replies.get(2).get());
      NodeHttp.Answer genesisAnswer = replies.get(3).get();
      JsonNode genesis = data(genesisAnswer);
      return new Observed.Consensus(
          endpoint,
          null,
          health.status(),
          number(syncing.path("head_slot")),
          number(syncing.path("sync_distance")),
          bool(syncing.path("is_syncing")),
          bool(syncing.path("is_optimistic")),
          bool(syncing.path("el_offline")),
          number(peers.path("connected")),
          genesisAnswer.status(),
          number(genesis.path("genesis_time")),
          genesis.path("genesis_validators_root").isTextual()
              ? genesis.path("genesis_validators_root").asText()
              : null);
    } catch (IOException e) {
      return Observed.Consensus.unreachable(endpoint, e.getMessage());
    }
  }

  private static JsonNode data(NodeHttp.Answer answer) {
    if (answer.status() != 200) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    try {
      return JSON.readTree(answer.body()).path("data");
    } catch (IOException e) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }

  static Long number(JsonNode node) {
    if (node.isNumber()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseUnsignedLong(node.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Boolean bool(JsonNode node) {
    return node.isBoolean() ? node.asBoolean() : null;
  }
}
