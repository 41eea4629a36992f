package dev.ephemery.health.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.health.CheckpointScoring;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Asks checkpoint-sync endpoints, all at once, what {@link CheckpointScoring} needs: {@code
 * /eth/v1/beacon/genesis} and {@code /eth/v1/beacon/states/finalized/finality_checkpoints}
 * (ethereum/beacon-APIs; both served by beacon nodes and by checkpointz).
 */
public final class CheckpointProber {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String GENESIS = "/eth/v1/beacon/genesis";
  static final String FINALITY = "/eth/v1/beacon/states/finalized/finality_checkpoints";

  private final HttpClient client;
  private final Duration timeout;

  public CheckpointProber(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** One candidate per (url, origin), in the order given. */
  public List<CheckpointScoring.Candidate> ask(List<String[]> urlsAndOrigins) {
    List<CompletableFuture<CheckpointScoring.Candidate>> futures =
        urlsAndOrigins.stream()
            .map(u -> CompletableFuture.supplyAsync(() -> askOne(u[0], u[1])))
            .toList();
    return futures.stream().map(CompletableFuture::join).toList();
  }

  /** One endpoint, in this thread. */
  public CheckpointScoring.Candidate askOne(String url, String origin) {
    String base = url.replaceAll("/+$", "");
    long start = System.nanoTime();
    try {
      JsonNode genesis = get(base + GENESIS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      JsonNode finality = get(base + FINALITY);
      return new CheckpointScoring.Candidate(
          url,
          origin,
          null,
          genesis.path("genesis_validators_root").asText(null),
          number(genesis.path("genesis_time")),
          number(finality.path("finalized").path("epoch")),
          millis);
    } catch (IOException e) {
      return new CheckpointScoring.Candidate(
          url, origin, e.getMessage(), null, null, null, (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CheckpointScoring.Candidate(url, origin, "interrupted", null, null, null, 0);
    }
  }

  private JsonNode get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(timeout)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IllegalArgumentException e) {
      throw new IOException("not a URL: " + url);
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException("cannot reach " + url + ": " + reason, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    return JSON.readTree(response.body()).path("data");
  }

  private static Long number(JsonNode node) {
    try {
      return node.isMissingNode() || node.isNull() ? null : Long.parseLong(node.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
