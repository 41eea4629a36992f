package dev.ephemery.common;

/** A count with its noun, singular for one: "1 problem", "2 problems", "0 problems". */
public final class Plural {
  private Plural() {}

  /** The count and {@code noun}, with an "s" unless the count is one. */
  public static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
