package dev.ephemery.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ephemery.common.Pause;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GitHub releases API for the genesis repository: which tag is latest and where its asset is.
 * Requests are conditional (ETag), a token from GITHUB_TOKEN is sent when there is one, and the
 * rate-limit headers are read so callers can wait instead of hammering.
 */
public final class GitHubReleases {

  public static final String ASSET = "testnet-all.tar.gz";

  /** A release as the API describes it; {@code fromCache} when the answer was a 304. */
  public record ReleaseInfo(String tag, URI assetUrl, boolean fromCache) {}

  /** The rate-limit state from the last answer; remaining is -1 when the server did not say. */
  public record RateLimit(long limit, long remaining, Instant resetAt) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client;
  private final URI apiBase;
  private final String repository;
  private final Optional<String> token;
  private final EtagStore etags;
  private final Clock clock;
  private final Duration timeout;
  private final int attempts;
  private final Duration backoff;
  private volatile RateLimit rateLimit;
  private final AtomicInteger countedRequests = new AtomicInteger();

  public GitHubReleases(
      HttpClient client,
      URI apiBase,
      String repository,
      Optional<String> token,
      EtagStore etags,
      Clock clock,
      Downloader.Settings settings) {
    this.client = client;
    this.apiBase = apiBase;
    this.repository = repository;
    this.token = token.filter(t -> !t.isBlank());
    this.etags = etags;
    this.clock = clock;
    this.timeout = settings.headersTimeout();
    this.attempts = Math.max(1, settings.attempts());
    this.backoff = settings.backoff();
  }

  public ReleaseInfo latest() throws SourceException {
    return get("releases/latest");
  }

  public ReleaseInfo byTag(String tag) throws SourceException {
    return get("releases/tags/" + tag);
  }

  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /** Requests GitHub counted against the hourly limit (every answer but 304). */
  public int countedRequests() {
    return countedRequests.get();
  }

  private ReleaseInfo get(String path) throws SourceException {
    URI uri = URI.create(stripSlash(apiBase.toString()) + "/repos/" + repository + "/" + path);
    RateLimit known = rateLimit;
    if (known != null && known.remaining() == 0 && clock.instant().isBefore(known.resetAt())) {
      // Asking again before the reset only earns another 403 and can prolong a secondary limit.
      throw new SourceException.RateLimited(
          uri + ": GitHub API rate limit reached; it lifts at " + known.resetAt(), known.resetAt());
    }
    SourceException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        sleep(backoff.multipliedBy(1L << Math.min(attempt - 2, 6)));
      }
      try {
        return once(uri);
      } catch (SourceException e) {
        last = e;
        if (!e.retryable()) {
          break;
        }
      }
    }
    throw last;
  }

  private ReleaseInfo once(URI uri) throws SourceException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .GET();
    token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    Optional<EtagStore.Entry> cached = etags.get(uri.toString());
    cached.ifPresent(entry -> request.header("If-None-Match", entry.etag()));
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new SourceException(uri + ": timed out", true, e);
    } catch (java.net.ConnectException e) {
      throw new SourceException(uri + ": cannot connect", true, e);
    } catch (IOException e) {
      // The JDK leaves some I/O failures without a message: name the kind instead of "null".
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new SourceException(uri + ": " + why, true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted", false, e);
    }
    int status = response.statusCode();
    readRateLimit(response.headers());
    if (status != 304) {
      countedRequests.incrementAndGet();
    }
    if (status == 304 && cached.isPresent()) {
      return parse(uri, cached.get().body(), true);
    }
    if ((status == 403 || status == 429) && isRateLimit(response.headers())) {
      Instant resetAt = resetAt(response.headers());
      throw new SourceException.RateLimited(
          uri + ": GitHub API rate limit reached; it lifts at " + resetAt, resetAt);
    }
    if (status != 200) {
      throw Downloader.statusFailure(uri, status);
    }
    ReleaseInfo info = parse(uri, response.body(), false);
    response
        .headers()
        .firstValue("etag")
        .ifPresent(etag -> etags.put(uri.toString(), new EtagStore.Entry(etag, response.body())));
    return info;
  }

  private ReleaseInfo parse(URI uri, String body, boolean fromCache) throws SourceException {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      throw new SourceException(uri + ": not a JSON release: " + e.getMessage(), false, e);
    }
    String tag = tree.path("tag_name").asText("");
    if (tag.isEmpty()) {
      throw new SourceException(uri + ": the answer names no tag_name", false);
    }
    for (JsonNode asset : tree.path("assets")) {
      if (ASSET.equals(asset.path("name").asText())) {
        String url = asset.path("browser_download_url").asText("");
        if (!url.isEmpty()) {
          return new ReleaseInfo(tag, URI.create(url), fromCache);
        }
      }
    }
    throw new SourceException(uri + ": release " + tag + " has no " + ASSET + " asset", false);
  }

  private void readRateLimit(HttpHeaders headers) {
    OptionalLong remaining = headers.firstValueAsLong("x-ratelimit-remaining");
    if (remaining.isPresent()) {
      rateLimit =
          new RateLimit(
              headers.firstValueAsLong("x-ratelimit-limit").orElse(-1),
              remaining.getAsLong(),
              resetAt(headers));
    }
  }

  private static boolean isRateLimit(HttpHeaders headers) {
    return headers.firstValueAsLong("x-ratelimit-remaining").orElse(-1) == 0
        || headers.firstValue("retry-after").isPresent();
  }

  private Instant resetAt(HttpHeaders headers) {
    OptionalLong retryAfter = headers.firstValueAsLong("retry-after");
    if (retryAfter.isPresent()) {
      return clock.instant().plusSeconds(retryAfter.getAsLong());
    }
    OptionalLong reset = headers.firstValueAsLong("x-ratelimit-reset");
    // Without a reset time GitHub's documented advice is to wait at least a minute.
    return reset.isPresent()
        ? Instant.ofEpochSecond(reset.getAsLong())
        : clock.instant().plusSeconds(60);
  }

  private static String stripSlash(String text) {
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static void sleep(Duration duration) throws SourceException {
    if (!Pause.THREAD.pause(duration)) {
      throw new SourceException("interrupted", false);
    }
  }
}
