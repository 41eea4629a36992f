package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
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
  void unknownCommandIsAUsageErrorWithOrWithoutHelp() {
    for (String[] args :
        List.of(
            new String[] {"donw"},
            new String[] {"donw", "--help"},
            new String[] {"donw", "-h"},
            new String[] {"hosts", "bogus", "--help"},
            new String[] {"genesis", "bogus", "--help"})) {
      Result result = run(args);
      String unknown = args[args.length > 1 && !args[1].startsWith("-") ? 1 : 0];
      assertThat(result.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(result.out()).as(String.join(" ", args)).doesNotContain("Usage:");
      assertThat(result.err())
          .as(String.join(" ", args))
          .contains("unknown command '" + unknown + "'")
          .doesNotContain("\tat ");
    }
    assertThat(run("donw", "--help").err()).contains("Did you mean").contains("down");
  }

  @Test
  void helpOfAKnownCommandStillExitsZero() {
    Result result = run("hosts", "trust", "--help");
    assertThat(result.code()).isZero();
    assertThat(result.out()).contains("Usage: ephemery hosts trust");
  }

  @Test
  void missingCommandIsAUsageError() {
    Result result = run();
    assertThat(result.code()).isEqualTo(2);
  }

  @Test
  void registryNamesMatchEachCommandsOwnName() {
    EphemeryCommand.COMMANDS.forEach(
        name -> assertThat(EphemeryCommand.create(name).declare().name()).isEqualTo(name));
    assertThat(EphemeryCommand.create("no-such-command")).isNull();
  }

  @Test
  void everyCommandDeclaresHelpVersionAndTheCommonOptionsOnce() {
    EphemeryCommand.COMMANDS.forEach(
        name -> {
          var spec = EphemeryCommand.create(name).declare();
          assertThat(spec.findOption("--help")).as(name).isNotNull();
          assertThat(spec.findOption("--version")).as(name).isNotNull();
          List<picocli.CommandLine.Model.CommandSpec> leaves = new ArrayList<>();
          if (spec.subcommands().isEmpty()) {
            leaves.add(spec);
          }
          spec.subcommands().values().forEach(sub -> leaves.add(sub.getCommandSpec()));
          for (var leaf : leaves) {
            if (!leaf.name().equals("completion")) {
              assertThat(leaf.findOption("--output")).as(leaf.qualifiedName()).isNotNull();
              assertThat(leaf.findOption("-f")).as(leaf.qualifiedName()).isNotNull();
            }
            List<String> names =
                leaf.options().stream().flatMap(o -> List.of(o.names()).stream()).toList();
            assertThat(names).as(leaf.qualifiedName()).doesNotHaveDuplicates();
          }
        });
  }

  @Test
  void optionsBindToTheirFieldsAndKeepFieldDefaults() {
    InitCommand init = new InitCommand();
    new picocli.CommandLine(init.declare())
        .parseArgs("--cl", "teku", "--host", "ssh://a@b", "--host", "local", "--force");
    assertThat(init.el).isEqualTo("geth");
    assertThat(init.cl).isEqualTo("teku");
    assertThat(init.hosts).containsExactly("ssh://a@b", "local");
    assertThat(init.output.force).isTrue();
    assertThat(init.validator).isFalse();
    DownCommand down = new DownCommand();
    new picocli.CommandLine(down.declare()).parseArgs("--output", "json");
    assertThat(down.scope.parallel).isEqualTo(8);
    assertThat(down.common.json()).isTrue();
  }

  @Test
  void rootHelpListsEveryCommandEvenThoughRunsBuildOnlyTheirOwn() {
    Result help = run("--help");
    assertThat(help.code()).isZero();
    EphemeryCommand.COMMANDS.forEach(name -> assertThat(help.out()).contains("  " + name));
    Result unknown = run("chek");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("check");
  }

  @Test
  void writesBashAndZshCompletion() {
    Result bash = run("completion", "bash");
    assertThat(bash.code()).isZero();
    assertThat(bash.out()).contains("complete -F").contains("completion");
    EphemeryCommand.COMMANDS.forEach(name -> assertThat(bash.out()).contains(name));
    Result zsh = run("completion", "zsh");
    assertThat(zsh.out()).startsWith("autoload -U +X compinit");
    assertThat(run("completion", "fish").code()).isEqualTo(2);
  }
}
