package dev.ephemery.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every finding about one host, and what they add up to.
 *
 * @param iteration the iteration the node should run, or null when not known
 * @param nextReset when the next iteration starts, or null when not known
 */
public record HostHealth(
    String host, Integer iteration, Instant nextReset, List<Finding> findings) {

  public HostHealth {
    findings = List.copyOf(findings);
  }

  /** The worst verdict; OK for a host with no findings. */
  public Verdict verdict() {
    return findings.stream().map(Finding::verdict).reduce(Verdict.OK, Verdict::worst);
  }

  /** Healthy unless something failed: a WARN or an UNKNOWN is shown, not counted against it. */
  public boolean healthy() {
    return findings.stream().noneMatch(f -> f.verdict() == Verdict.FAIL);
  }

  /** Each component's worst verdict, in the order the findings name them. */
  public Map<String, Verdict> components() {
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      out.merge(f.component(), f.verdict(), Verdict::worst);
    }
    return out;
  }
}
