package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run as users run it: real process, real exit codes, real working directory. */
class InventoryCliIT {

  static Path jar;
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void findJar() {
    String path = System.getProperty("ephemery.jar", "target/ephemery.jar");
    jar = Path.of(path);
    if (!Files.isRegularFile(jar)) {
      String reason = "the built jar " + jar + " is missing (run mvn package first)";
      System.out.println("InventoryCliIT aborted: " + reason);
      if (Boolean.getBoolean("ephemery.ci")) {
        throw new IllegalStateException(reason);
      }
      Assumptions.abort(reason);
    }
  }

  Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void initThenCheckInTheWorkingDirectory() throws Exception {
    Run check = run("check");
    assertThat(check.code()).isZero();
    assertThat(check.out()).startsWith("inventory OK: 1 host from <embedded default>");

    Run init = run("init", "--el", "reth", "--cl", "nimbus", "--validator");
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(dir.resolve("ephemery.yaml")).exists();

    // init names the validator keys it cannot know; check asks for exactly those.
    assertThat(init.out()).contains("next: set validator.feeRecipient, and validator.keysDir");
    Run checkAgain = run("check");
    assertThat(checkAgain.code()).isEqualTo(2);
    assertThat(checkAgain.err())
        .contains("hosts[0].validator.feeRecipient")
        .contains("hosts[0].validator.keysDir")
        .contains("inventory INVALID: 2 problems in ./ephemery.yaml");

    Run again = run("init");
    assertThat(again.code()).isEqualTo(2);
    Run withoutValidator = run("init", "--el", "reth", "--cl", "nimbus", "--force");
    assertThat(withoutValidator.code()).as(withoutValidator.err()).isZero();
    Run checkOk = run("check");
    assertThat(checkOk.code()).as(checkOk.err()).isZero();
    assertThat(checkOk.out())
        .startsWith("inventory OK: 1 host from ./ephemery.yaml")
        .contains("reth + nimbus, validator off");
  }

  @Test
  void aBrokenInventoryExitsTwoWithoutStackTrace() throws Exception {
    Files.writeString(dir.resolve("ephemery.yaml"), "hosts:\n  - name: Node1\n    adress: local\n");
    Run check = run("check");
    assertThat(check.code()).isEqualTo(2);
    assertThat(check.err())
        .contains("hosts[0].name (line 2)")
        .contains("hosts[0].adress (line 3): unknown key 'adress' — did you mean 'address'?")
        .doesNotContain("\tat ");
  }
}
