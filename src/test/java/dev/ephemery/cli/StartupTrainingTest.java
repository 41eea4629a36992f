package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up archive holds only what its training loads: a training command that fails early
 * would leave the rest of that command's classes out of the archive, silently slowing every start.
 */
class StartupTrainingTest {

  @TempDir Path work;

  @Test
  void everyTrainedCommandRunsToTheEnd() throws Exception {
    String install = StartupTraining.prepare(work, Instant.parse("2026-12-02T08:00:00Z"));
    assertThat(install).startsWith("0 ").contains("ephemery-164");

    List<String> runs = StartupTraining.run(work);

    assertThat(runs).hasSize(5);
    assertThat(runs).allSatisfy(run -> assertThat(run).startsWith("0 "));
    assertThat(runs.get(0)).contains("ephemery ");
    assertThat(runs.get(1)).contains("inventory OK: 2 hosts").contains("out of date");
    assertThat(runs.get(2))
        .contains("training-a (local): iteration 164")
        .contains("training-b (local): iteration 164")
        .contains("out of date");
    if (!java.nio.file.Files.exists(Path.of("ephemery.yaml"))) {
      assertThat(runs.get(3)).contains("from <embedded default>");
      assertThat(runs.get(4)).contains("node1 (local): iteration 164");
    }
  }

  @Test
  void writesAReleaseTheVerifierAccepts() throws Exception {
    Path release =
        StartupTraining.writeRelease(work.resolve("r"), new dev.ephemery.network.Iteration(170));

    var verification =
        dev.ephemery.network.ReleaseVerifier.verify(
            dev.ephemery.release.ReleaseReader.read(release));

    assertThat(verification.problemTexts()).isEmpty();
    assertThat(verification.release().chainId().value()).isEqualTo(39_438_170L);
  }
}
