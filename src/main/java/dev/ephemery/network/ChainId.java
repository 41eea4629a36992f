package dev.ephemery.network;

/** An execution-layer chain id (= network id on Ephemery). */
public record ChainId(long value) {
  /** Ephemery's chain id is this base plus the iteration number. */
  public static final long EPHEMERY_BASE = 39_438_000L;

  public static ChainId ofIteration(Iteration iteration) {
    return new ChainId(EPHEMERY_BASE + iteration.number());
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
