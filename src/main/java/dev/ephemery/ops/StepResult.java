package dev.ephemery.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * What one step of the reset machine decided: move to {@code next}, or stay and try again after
 * {@code retryAfter}.
 */
public record StepResult(ResetState next, Duration retryAfter, String note) {
  public StepResult {
    Objects.requireNonNull(next, "next");
    note = note == null ? "" : note;
  }

  public static StepResult advance(ResetState next, String note) {
    return new StepResult(next, null, note);
  }

  public static StepResult retry(ResetState stay, Duration after, String reason) {
    return new StepResult(stay, Objects.requireNonNull(after, "after"), reason);
  }

  public static StepResult fail(String reason) {
    return new StepResult(ResetState.FAILED, null, reason);
  }

  public boolean isRetry() {
    return retryAfter != null;
  }
}
