package dev.ephemery.release;

import java.util.List;

/** A release that was fetched but refused: a damaged archive or files that disagree. */
public final class ReleaseRejectedException extends Exception {

  private final List<String> problems;

  public ReleaseRejectedException(String origin, List<String> problems) {
    super(origin + ": release refused: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
