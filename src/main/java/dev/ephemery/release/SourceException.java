package dev.ephemery.release;

import java.time.Instant;
import java.util.Optional;

/** A source could not give a release; the fetcher tries the next one. */
public class SourceException extends Exception {

  private final boolean retryable;

  public SourceException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public SourceException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /** Whether trying the same request again later could help (5xx, timeout, truncation). */
  public boolean retryable() {
    return retryable;
  }

  /** When a rate limit lifts, if the server said so. */
  public Optional<Instant> retryAfter() {
    return Optional.empty();
  }

  /** GitHub refused for the rate limit (403/429 with x-ratelimit-remaining 0, or Retry-After). */
  public static final class RateLimited extends SourceException {
    private final Instant resetAt;

    public RateLimited(String message, Instant resetAt) {
      super(message, false);
      this.resetAt = resetAt;
    }

    @Override
    public Optional<Instant> retryAfter() {
      return Optional.ofNullable(resetAt);
    }
  }
}
