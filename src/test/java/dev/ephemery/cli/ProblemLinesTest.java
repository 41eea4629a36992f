package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.common.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemLinesTest {
  static final String INVENTORY =
      """
      network: ephemery
      hosts:
        - name: node1
          address: local
          execution:
            client: geth
            extraArgs:
              - --cache=2048
              - --networkid=38356
          consensus:
            client: lighthouse
      """;

  @Test
  void pointsAtTheListItemTheProblemNames() {
    var located =
        ProblemLines.locate(
            List.of(Problem.at("hosts[0].execution.extraArgs[1]", 0, "wrong network id", "")),
            INVENTORY);
    assertThat(located.get(0).line()).isEqualTo(9);
  }

  @Test
  void aKeyInheritedFromDefaultsPointsAtTheNearestWrittenKey() {
    var located =
        ProblemLines.locate(
            List.of(Problem.at("hosts[0].consensus.checkpointSyncUrl", 0, "holesky", "")),
            INVENTORY);
    assertThat(located.get(0).line()).isEqualTo(10);
  }

  @Test
  void keepsLinesAlreadyKnownAndToleratesTheEmbeddedDefault() {
    var problem = Problem.at("hosts[0]", 3, "m", "h");
    assertThat(ProblemLines.locate(List.of(problem), INVENTORY)).containsExactly(problem);
    var unknown = Problem.at("hosts[0].execution", 0, "m", "h");
    assertThat(ProblemLines.locate(List.of(unknown), null)).containsExactly(unknown);
  }
}
