package dev.ephemery.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a checkpoint-sync endpoint which chain it serves ({@code GET /eth/v1/beacon/genesis}). A
 * server that does not answer gives no verdict: the beacon node falls back or fails on its own, and
 * the pure comparison in {@code CheckpointUrls} only judges an answer.
 */
public final class CheckpointProbe {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointProbe.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client;
  private final Duration timeout;

  public CheckpointProbe(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The genesis_validators_root the endpoint reports, or empty when it does not answer. */
  public Optional<String> genesisValidatorsRoot(String baseUrl) {
    String url = baseUrl.replaceAll("/+$", "") + "/eth/v1/beacon/genesis";
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(timeout)
              .header("Accept", "application/json")
              .GET()
              .build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        LOG.debug("{} answered {}", url, response.statusCode());
        return Optional.empty();
      }
      JsonNode root = JSON.readTree(response.body()).path("data").path("genesis_validators_root");
      return root.isTextual() ? Optional.of(root.asText()) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.debug("{} did not answer: {}", url, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
