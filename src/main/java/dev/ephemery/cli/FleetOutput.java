package dev.ephemery.cli;

import dev.ephemery.common.Problem;
import dev.ephemery.runtime.Fleet;
import java.io.PrintWriter;
import java.util.List;

/** One result line per host, and the exit code of the whole run. */
final class FleetOutput {
  private FleetOutput() {}

  static void failures(List<? extends Fleet.Outcome<?>> outcomes, PrintWriter err) {
    for (Fleet.Outcome<?> outcome : outcomes) {
      for (Problem problem : outcome.problems()) {
        String text = problem.describe();
        err.println(
            "error: " + (text.startsWith(outcome.host()) ? text : outcome.host() + ": " + text));
      }
    }
  }

  /** 0 when every host succeeded, 2 when every failure was bad input, 1 otherwise. */
  static int exitCode(List<? extends Fleet.Outcome<?>> outcomes) {
    List<? extends Fleet.Outcome<?>> failed = outcomes.stream().filter(o -> !o.ok()).toList();
    if (failed.isEmpty()) {
      return 0;
    }
    return failed.stream().allMatch(Fleet.Outcome::badInput) ? 2 : 1;
  }

  static String summary(List<? extends Fleet.Outcome<?>> outcomes) {
    long ok = outcomes.stream().filter(Fleet.Outcome::ok).count();
    return ok + "/" + outcomes.size() + " hosts ok";
  }
}
