package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliConventionsTest {

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void printsNameAndVersion() {
    Result result = run("--version");
    assertThat(result.code()).isZero();
    assertThat(result.out()).matches("ephemery \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void unknownOptionIsAUsageErrorWithoutStackTrace() {
    Result result = run("--no-such-option");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("--no-such-option").doesNotContain("\tat ");
  }

  @Test
  void missingCommandIsAUsageError() {
    Result result = run();
    assertThat(result.code()).isEqualTo(2);
  }

  @Test
  void registryNamesMatchEachCommandsOwnName() {
    EphemeryCommand.COMMANDS.forEach(
        (name, type) ->
            assertThat(type.getAnnotation(picocli.CommandLine.Command.class).name())
                .as(type.getSimpleName())
                .isEqualTo(name));
  }

  @Test
  void rootHelpListsEveryCommandEvenThoughRunsBuildOnlyTheirOwn() {
    Result help = run("--help");
    assertThat(help.code()).isZero();
    EphemeryCommand.COMMANDS.keySet().forEach(name -> assertThat(help.out()).contains("  " + name));
    Result unknown = run("chek");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("check");
  }

  @Test
  void writesBashAndZshCompletion() {
    Result bash = run("completion", "bash");
    assertThat(bash.code()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("completion");
    EphemeryCommand.COMMANDS.keySet().forEach(name -> assertThat(bash.out()).contains(name));
    Result zsh = run("completion", "zsh");
    assertThat(zsh.out()).startsWith("autoload -U +X compinit");
    assertThat(run("completion", "fish").code()).isEqualTo(2);
  }
}
