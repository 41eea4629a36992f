package dev.ephemery.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The number of an Ephemery iteration (one 28-day chain between two resets). In JSON it is the
 * plain number, as plans and journals have always written it.
 */
public record Iteration(@JsonValue int number) implements Comparable<Iteration> {
  @JsonCreator
  public Iteration {
    if (number < 0) {
      throw new IllegalArgumentException("iteration must not be negative: " + number);
    }
  }

  public Iteration next() {
    return new Iteration(number + 1);
  }

  /** The git tag and GitHub release name of this iteration's genesis files. */
  public String releaseTag() {
    return "ephemery-" + number;
  }

  @Override
  public int compareTo(Iteration other) {
    return Integer.compare(number, other.number);
  }

  @Override
  public String toString() {
    return Integer.toString(number);
  }
}
