package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SelfCommandTest {

  static final List<String> POLL = List.of("run", "--poll-once");

  @Test
  void keepsTheJvmOptionsOfAClassPathStartAndReplacesItsProgramArguments() {
    List<String> current =
        List.of(
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-cp",
            "/opt/e/ephemery.jar",
            "dev.ephemery.cli.Main",
            "run",
            "-f",
            "/opt/e/inventory.yaml");

    assertThat(SelfCommand.of("/usr/bin/java", current, "/opt/e/ephemery.jar", POLL))
        .containsExactly(
            "/usr/bin/java",
            "-XX:+UseSerialGC",
            "-Xmx64m",
            "-cp",
            "/opt/e/ephemery.jar",
            "dev.ephemery.cli.Main",
            "run",
            "--poll-once");
  }

  @Test
  void aJarStartBecomesAClassPathStartWithTheSameOptions() {
    List<String> current =
        List.of("-Xss256k", "-jar", "/opt/ephemery-supervisor/ephemery.jar", "run", "--port", "1");

    assertThat(
            SelfCommand.of(
                "/opt/java/openjdk/bin/java",
                current,
                "/opt/ephemery-supervisor/ephemery.jar",
                POLL))
        .containsExactly(
            "/opt/java/openjdk/bin/java",
            "-Xss256k",
            "-cp",
            "/opt/ephemery-supervisor/ephemery.jar",
            "dev.ephemery.cli.Main",
            "run",
            "--poll-once");
  }

  @Test
  void optionsWithASeparateValueKeepIt_aDebuggerAndAnArchiveBeingWrittenStayBehind() {
    List<String> current =
        List.of(
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
            "-XX:ArchiveClassesAtExit=/tmp/x.jsa",
            "-classpath",
            "a.jar:b.jar",
            "dev.ephemery.cli.Main",
            "run");

    assertThat(SelfCommand.of("java", current, "a.jar:b.jar", POLL))
        .containsExactly(
            "java",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "-cp",
            "a.jar:b.jar",
            "dev.ephemery.cli.Main",
            "run",
            "--poll-once");
  }

  @Test
  void thisJvmsCommandStartsWithItsOwnJavaAndEndsWithTheArguments() {
    List<String> command = SelfCommand.forThisJvm(POLL);

    assertThat(command.get(0)).endsWith("java");
    assertThat(command.subList(command.size() - 3, command.size()))
        .containsExactly(Main.class.getName(), "run", "--poll-once");
    assertThat(command.get(command.size() - 4)).isEqualTo(System.getProperty("java.class.path"));
  }
}
