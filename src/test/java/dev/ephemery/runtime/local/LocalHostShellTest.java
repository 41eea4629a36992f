package dev.ephemery.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.runtime.HostShell;
import org.junit.jupiter.api.Test;

/**
 * The shell a {@code local} host is prepared through. Only harmless commands run here: {@code hosts
 * prepare} itself is tested against a machine of its own ({@code HostsPrepareIT}'s sshd container).
 */
class LocalHostShellTest {

  @Test
  void runsACommandWithItsInputAndKeepsItsExitCodeAndBothOutputs() {
    try (HostShell shell = new LocalHostShell("here")) {
      HostShell.Result result =
          shell.run("read line; echo \"got $line\"; echo oops >&2; exit 3", "x\n");

      assertThat(result.exit()).isEqualTo(3);
      assertThat(result.ok()).isFalse();
      assertThat(result.out()).isEqualTo("got x\n");
      assertThat(result.err()).isEqualTo("oops\n");
    }
  }

  @Test
  void aScriptOnStdinGetsItsArgumentsAsTheFactsScriptDoes() {
    try (HostShell shell = new LocalHostShell("here")) {
      HostShell.Result result =
          shell.run("sh -s -- " + HostShell.quote("/data/it's"), "printf '%s' \"$1\"");

      assertThat(result.ok()).isTrue();
      assertThat(result.out()).isEqualTo("/data/it's");
    }
  }

  @Test
  void largeOutputOnBothStreamsDoesNotBlockTheCommand() {
    try (HostShell shell = new LocalHostShell("here")) {
      // More than a pipe buffer (64 KiB) on each stream: both are read while the command runs.
      HostShell.Result result =
          shell.run(
              "i=0; while [ $i -lt 10000 ]; do echo line-$i; echo err-$i >&2; i=$((i+1)); done",
              "");

      assertThat(result.ok()).isTrue();
      assertThat(result.out().lines()).hasSize(10000);
      assertThat(result.err().lines()).hasSize(10000).last().isEqualTo("err-9999");
    }
  }
}
