package dev.ephemery.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a checkpoint-sync endpoint which chain it serves ({@code GET /eth/v1/beacon/genesis}). A
 * server that does not answer gives no verdict on the chain, but its reason is returned so that the
 * caller can say it; the pure comparison in {@code CheckpointUrls} only judges an answer.
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

  /**
   * What an endpoint answered: its genesis_validators_root and genesis_time, or why there is no
   * answer (the caller reports it: an unreachable server is not silent).
   *
   * @param failure null when the endpoint answered
   */
  public record Answer(String genesisValidatorsRoot, Long genesisTime, String failure) {
    static Answer failed(String failure) {
      return new Answer(null, null, failure);
    }

    public boolean answered() {
      return failure == null;
    }
  }

  /** The genesis_validators_root the endpoint reports, or empty when it does not answer. */
  public Optional<String> genesisValidatorsRoot(String baseUrl) {
    return Optional.ofNullable(ask(baseUrl).genesisValidatorsRoot());
  }

  /** Asks {@code GET <baseUrl>/eth/v1/beacon/genesis}. */
  public Answer ask(String baseUrl) {
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
        return Answer.failed("HTTP " + response.statusCode() + " from " + url);
      }
      JsonNode data = JSON.readTree(response.body()).path("data");
      JsonNode root = data.path("genesis_validators_root");
      if (!root.isTextual()) {
        return Answer.failed(url + " answered without data.genesis_validators_root");
      }
      JsonNode time = data.path("genesis_time");
      Long genesisTime = time.isTextual() || time.isNumber() ? parse(time.asText()) : null;
      return new Answer(root.asText(), genesisTime, null);
    } catch (HttpTimeoutException e) {
      return Answer.failed("no answer from " + url + " within " + timeout.toSeconds() + " s");
    } catch (IOException | IllegalArgumentException e) {
      LOG.debug("{} did not answer: {}", url, e.toString());
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return Answer.failed("cannot reach " + url + ": " + reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted while asking " + url);
    }
  }

  private static Long parse(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
