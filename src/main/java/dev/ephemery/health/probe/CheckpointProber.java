package dev.ephemery.health.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ephemery.health.CheckpointScoring;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Asks checkpoint-sync endpoints, all at once, what {@link CheckpointScoring} needs: {@code
 * /eth/v1/beacon/genesis} and {@code /eth/v1/beacon/states/finalized/finality_checkpoints}
 * (ethereum/beacon-APIs; both served by beacon nodes and by checkpointz).
 *
 * <p>Light on purpose, because the supervisor keeps one to ask its node's server every few minutes:
 * the JDK's {@link HttpURLConnection} and Jackson's streaming parser. With {@code java.net.http}
 * and databind, merely holding a prober raised the idle supervisor's RSS from 52 to 66 MiB
 * (bench/supervisor.sh with a checkpointSyncUrl, 2026-12-02); with these, 52.4-52.8 MiB.
 */
public final class CheckpointProber {
  private static final JsonFactory JSON = new JsonFactory();
  static final String GENESIS = "/eth/v1/beacon/genesis";
  static final String FINALITY = "/eth/v1/beacon/states/finalized/finality_checkpoints";

  private final Duration timeout;

  public CheckpointProber(Duration timeout) {
    this.timeout = timeout;
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
      Map<String, String> genesis = get(base + GENESIS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      Map<String, String> finality = get(base + FINALITY);
      return new CheckpointScoring.Candidate(
          url,
          origin,
          null,
          genesis.get("data.genesis_validators_root"),
          number(genesis.get("data.genesis_time")),
          number(finality.get("data.finalized.epoch")),
          millis);
    } catch (IOException e) {
      return new CheckpointScoring.Candidate(
          url, origin, e.getMessage(), null, null, null, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /** The answer's scalars by their dotted path ({@code data.finalized.epoch}); arrays skipped. */
  private Map<String, String> get(String url) throws IOException {
    HttpURLConnection connection;
    try {
      URLConnection opened = URI.create(url).toURL().openConnection();
      if (!(opened instanceof HttpURLConnection http)) {
        throw new IOException("not an http(s) URL: " + url);
      }
      connection = http;
    } catch (IllegalArgumentException e) {
      throw new IOException("not a URL: " + url);
    }
    int millis = (int) timeout.toMillis();
    connection.setConnectTimeout(millis);
    connection.setReadTimeout(millis);
    connection.setInstanceFollowRedirects(true);
    connection.setRequestProperty("Accept", "application/json");
    try {
      int status;
      try {
        status = connection.getResponseCode();
      } catch (IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new IOException("cannot reach " + url + ": " + reason, e);
      }
      if (status != 200) {
        throw new IOException("HTTP " + status + " from " + url);
      }
      try (InputStream body = connection.getInputStream();
          JsonParser parser = JSON.createParser(body)) {
        Map<String, String> scalars = new HashMap<>();
        if (parser.nextToken() == JsonToken.START_OBJECT) {
          read(parser, "", scalars);
        }
        return scalars;
      }
    } finally {
      connection.disconnect();
    }
  }

  /** Reads the object the parser is at (its START_OBJECT consumed) into {@code scalars}. */
  private static void read(JsonParser parser, String prefix, Map<String, String> scalars)
      throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String path = prefix + parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        read(parser, path + ".", scalars);
      } else if (value == JsonToken.START_ARRAY) {
        parser.skipChildren();
      } else if (value != JsonToken.VALUE_NULL) {
        scalars.put(path, parser.getText());
      }
    }
  }

  private static Long number(String text) {
    try {
      return text == null ? null : Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
