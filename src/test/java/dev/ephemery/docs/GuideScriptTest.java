package dev.ephemery.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a guide's sh blocks become commands, and how the script reports the one that failed. */
class GuideScriptTest {

  static final String GUIDE =
      String.join(
          "\n",
          "# A guide",
          "",
          "```sh",
          "mkdir -p work && cd work",
          "# a comment",
          "",
          "echo one \\",
          "  two",
          "cat > f.yaml <<EOF",
          "a: $HOME",
          "EOF",
          "test -e nothing   # exit 1: it is not there",
          "```",
          "",
          "```yaml",
          "not: run",
          "```",
          "",
          "```sh pending-hosts-prepare",
          "ephemery hosts prepare --host node1",
          "```",
          "",
          "```sh",
          "echo 'quoted # exit 3 is no expectation'",
          "```",
          "");

  @Test
  void splitsBlocksIntoCommandsWithLinesAndExpectedExits() {
    GuideScript script = GuideScript.parse("g.md", GUIDE);

    assertThat(script.commands())
        .extracting(GuideScript.Command::block, GuideScript.Command::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 4),
            org.assertj.core.groups.Tuple.tuple(1, 7),
            org.assertj.core.groups.Tuple.tuple(1, 9),
            org.assertj.core.groups.Tuple.tuple(1, 12),
            org.assertj.core.groups.Tuple.tuple(3, 24));
    assertThat(script.commands().get(1).text()).isEqualTo("echo one \\\n  two");
    assertThat(script.commands().get(2).text()).isEqualTo("cat > f.yaml <<EOF\na: $HOME\nEOF");
    assertThat(script.commands())
        .extracting(GuideScript.Command::expectedExit)
        .containsExactly(0, 0, 0, 1, 0);
  }

  @Test
  void aMarkedBlockIsSkippedByItsNameAndOtherFencesAreNotRun() {
    GuideScript script = GuideScript.parse("g.md", GUIDE);

    assertThat(script.skipped())
        .containsExactly(new GuideScript.Skipped(2, 19, "pending-hosts-prepare"));
    assertThat(script.commands()).noneMatch(c -> c.text().contains("not: run"));
    assertThat(script.commands()).noneMatch(c -> c.text().contains("hosts prepare"));
  }

  @Test
  void theScriptRunsInOneShellAndNamesTheCommandThatFailed(@TempDir Path dir) throws Exception {
    String guide =
        String.join(
            "\n",
            "```sh",
            "cd /",
            "pwd",
            "false   # exit 1",
            "test -d tmp",
            "test -d no-such-folder",
            "echo never",
            "```");
    Result ok = run(dir, GuideScript.parse("x.md", guide.replace("test -d no-such-folder\n", "")));
    Result failed = run(dir, GuideScript.parse("x.md", guide));

    assertThat(ok.code()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("GUIDE DONE").contains("never");
    assertThat(failed.code()).isEqualTo(97);
    assertThat(failed.output())
        .contains("GUIDE FAILED: x.md block 1 line 6: `test -d no-such-folder`")
        .contains("exited 1, the guide expects 0")
        .doesNotContain("never")
        .doesNotContain("GUIDE DONE");
  }

  @Test
  void theRewriteAppliesToCommandsOnly(@TempDir Path dir) throws Exception {
    GuideScript script = GuideScript.parse("x.md", "```sh\necho node1\n```\n");
    UnaryOperator<String> rewrite = text -> text.replace("node1", "node1-abc");

    Result result = run(dir, script, rewrite);

    assertThat(result.output()).contains("$ echo node1 ").contains("\nnode1-abc\n");
  }

  record Result(int code, String output) {}

  static Result run(Path dir, GuideScript script) throws IOException, InterruptedException {
    return run(dir, script, UnaryOperator.identity());
  }

  static Result run(Path dir, GuideScript script, UnaryOperator<String> rewrite)
      throws IOException, InterruptedException {
    Path file = dir.resolve("guide-" + System.nanoTime() + ".sh");
    Files.writeString(file, script.toBash(rewrite));
    Process process =
        new ProcessBuilder(List.of("bash", file.toString()))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
