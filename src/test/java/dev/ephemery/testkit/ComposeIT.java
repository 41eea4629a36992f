package dev.ephemery.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-compose validates compose files: a good one passes, a schema error is named. */
class ComposeIT {

  @TempDir Path dir;

  @Test
  void validFilePasses() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("docker-compose.yml"),
            """
            version: "3.8"
            services:
              beacon:
                image: ephemery-test/busybox:1
                command: ["httpd", "-f", "-p", "5052"]
                networks: [ephemery]
                labels:
                  dev.ephemery.test: compose
            networks:
              ephemery: {}
            """);

    CommandResult result = Compose.fromEnvironment().validate(file);

    assertThat(result.ok()).as(result.output()).isTrue();
  }

  @Test
  void unknownServiceKeyFailsAndIsNamed() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("docker-compose.yml"),
            """
            version: "3.8"
            services:
              beacon:
                image: ephemery-test/busybox:1
                restart_policy: always
            """);

    CommandResult result = Compose.fromEnvironment().validate(file);

    assertThat(result.ok()).as(result.output()).isFalse();
    assertThat(result.output()).contains("restart_policy");
  }
}
