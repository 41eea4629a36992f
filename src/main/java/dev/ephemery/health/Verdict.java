package dev.ephemery.health;

/**
 * What one probe concludes. Ordered from good to bad, so the worst of several is their maximum;
 * UNKNOWN (could not be judged) ranks below FAIL but above WARN: it is not a proof of health.
 */
public enum Verdict {
  OK,
  WARN,
  UNKNOWN,
  FAIL;

  public Verdict worst(Verdict other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
