package dev.ephemery.supervisor;

import dev.ephemery.health.DoctorRules;
import java.util.List;
import java.util.Optional;

/**
 * Names the cause and the fix of a crash loop from a container's last log lines, with the rules
 * {@code ephemery doctor} uses ({@link DoctorRules}): the clients' own error messages (docs:
 * clients-execution.md, clients-consensus.md "Error texts", docs/troubleshooting.md).
 */
public final class RestartDiagnosis {

  public record Diagnosis(String cause, String fix, String line) {}

  private RestartDiagnosis() {}

  /** The newest line that matches a rule decides. */
  public static Optional<Diagnosis> diagnose(List<String> lines) {
    return DoctorRules.matchLog(lines)
        .map(m -> new Diagnosis(m.rule().cause(), m.rule().fix(), m.evidence()));
  }
}
