package dev.ephemery.health.probe;

import dev.ephemery.health.CheckpointPicker;
import dev.ephemery.health.CheckpointScoring;
import dev.ephemery.health.Expected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@link CheckpointPicker} over the network: asks each endpoint ({@link CheckpointProber}, all at
 * once) and scores the answers. Its endpoints are the known Ephemery providers unless the operator
 * names others.
 */
public final class ProbingCheckpointPicker implements CheckpointPicker {

  private final List<String> endpoints;
  private final CheckpointProber prober;

  public ProbingCheckpointPicker(List<String> endpoints, Duration timeout) {
    this.endpoints = List.copyOf(endpoints);
    this.prober = new CheckpointProber(timeout);
  }

  @Override
  public CheckpointScoring.Pick pick(Expected expected, Instant now) {
    List<String[]> candidates = endpoints.stream().map(u -> new String[] {u, "known"}).toList();
    return CheckpointScoring.score(prober.ask(candidates), expected, now);
  }

  public List<String> endpoints() {
    return endpoints;
  }
}
