package dev.ephemery.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerTrainingTest {

  @TempDir Path work;

  @Test
  void everyCallFailsAtTheMissingSocketAndEveryAnswerModelIsRead() throws Exception {
    Path socket = work.resolve("nothing-listens.sock");

    List<String> outcomes = DockerTraining.run(socket);

    assertThat(outcomes)
        .contains(
            "ping: failed as expected",
            "create container: failed as expected",
            "exec start: failed as expected",
            "copy archive: failed as expected",
            "InspectContainerResponse: read",
            "lists: read",
            "probe from here: failed as expected",
            "file work here: answered")
        .filteredOn(o -> !o.startsWith("file work here"))
        .noneMatch(o -> o.endsWith(": answered"));
    assertThat(outcomes).hasSize(20 + 7 + 1 + 2);
    assertThat(socket).as("nothing was created where the socket would be").doesNotExist();
  }
}
