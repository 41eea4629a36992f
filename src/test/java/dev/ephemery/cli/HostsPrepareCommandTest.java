package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bad input of {@code hosts prepare}: refused with exit 2 before any host is contacted. */
class HostsPrepareCommandTest {

  @TempDir Path dir;

  Path inventory() throws IOException {
    Path file = dir.resolve("ephemery.yaml");
    Files.writeString(
        file,
        """
        defaults: { execution: { client: geth }, consensus: { client: lighthouse } }
        hosts:
          - { name: here, address: local }
          - { name: there, address: "ssh://ops@there.example.org" }
        """);
    return file;
  }

  @Test
  void anUnknownHostAndAmbiguousSelectionsAreBadInput() throws IOException {
    String file = inventory().toString();
    CliRun unknown = CliRun.of("hosts", "prepare", "-f", file, "--host", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no host named 'nope'");
    CliRun none = CliRun.of("hosts", "prepare", "-f", file);
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--host NAME, or --all");
    CliRun both = CliRun.of("hosts", "prepare", "-f", file, "--all", "--host", "there");
    assertThat(both.code()).isEqualTo(2);
  }

  @Test
  void aKubernetesHostIsBadInput() throws IOException {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - name: pod
            address: kubernetes://test-context/ephemery
            execution: { client: geth }
            consensus: { client: teku }
        """);
    CliRun one = CliRun.of("hosts", "prepare", "-f", file.toString(), "--host", "pod");
    assertThat(one.code()).isEqualTo(2);
    assertThat(one.err()).contains("pod: a kubernetes:// host").doesNotContain("\tat ");
    CliRun all = CliRun.of("hosts", "prepare", "-f", file.toString(), "--all");
    assertThat(all.code()).isEqualTo(2);
    assertThat(all.err()).contains("only kubernetes:// hosts");
  }

  @Test
  void aHostThatCannotBeReachedIsAnOperationalFailureInTextAndJson() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    Path file = dir.resolve("gone.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - name: gone
            address: ssh://ops@127.0.0.1:%d
            knownHostsFile: %s
            execution: { client: geth }
            consensus: { client: teku }
        """
            .formatted(port, dir.resolve("known_hosts")));
    CliRun json = CliRun.of("hosts", "prepare", "-f", file.toString(), "--output", "json");
    assertThat(json.code()).isEqualTo(1);
    assertThat(json.json().get(0).get("ok").asBoolean()).isFalse();
    assertThat(json.json().get(0).get("problems").toString()).contains("SSH to");
    assertThat(json.err()).contains("error: gone").doesNotContain("\tat ");
  }

  @Test
  void hostsNamesBothSubcommands() {
    CliRun run = CliRun.of("hosts");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("trust, prepare");
  }
}
