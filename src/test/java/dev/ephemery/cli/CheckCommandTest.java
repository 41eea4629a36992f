package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  @Test
  void reportsEveryProblemAsJson() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        network: ephemery
        hosts:
          - name: node1
            address: ssh://node1.example.org
            execution: { client: gethh }
            consensus: { client: lighthouse }
        """);
    CliRun run = CliRun.of("check", "-f", file.toString(), "--output", "json");

    assertThat(run.code()).isEqualTo(2);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("source").asText()).isEqualTo(file.toString());
    assertThat(json.get("problems")).hasSize(2);
    JsonNode first = json.get("problems").get(0);
    assertThat(first.get("path").asText()).isEqualTo("hosts[0].address");
    assertThat(first.get("line").asInt()).isEqualTo(4);
    assertThat(first.get("message").asText()).contains("names no user");
    assertThat(first.get("hint").asText()).isEqualTo("write ssh://USER@node1.example.org");
  }

  @Test
  void validInventoryIsOkWithExitZero() throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(
        file,
        """
        hosts:
          - { name: a, address: local, execution: { client: reth }, consensus: { client: grandine } }
          - { name: b, address: "ssh://ops@b.example.org", execution: { client: geth }, consensus: { client: teku } }
        """);
    CliRun text = CliRun.of("check", "-f", file.toString());
    assertThat(text.code()).isZero();
    assertThat(text.out())
        .startsWith("inventory OK: 2 hosts from " + file)
        .contains(
            "a: local, reth + grandine, validator off, monitoring on (Grafana 127.0.0.1:3000), upstream")
        .contains("b: ssh://ops@b.example.org, geth + teku");

    CliRun json = CliRun.of("check", "-f", file.toString(), "--output", "json");
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.get("valid").asBoolean()).isTrue();
    assertThat(report.get("problems")).isEmpty();
  }

  @Test
  void registeredChecksRunAfterTheSchema() throws IOException {
    Path key = dir.resolve("id_ed25519");
    Path file = dir.resolve("keys.yaml");
    Files.writeString(
        file,
        """
        defaults: { execution: { client: geth }, consensus: { client: teku } }
        hosts:
          - { name: a, address: "ssh://ops@a.example.org", sshKeyFile: "%s" }
          - { name: b, address: "ssh://ops@b.example.org", sshKeyFile: "%s" }
        """
            .formatted(key, dir.resolve("missing")));
    Files.writeString(key, "not really a key");

    CliRun run = CliRun.of("check", "-f", file.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("hosts[1].sshKeyFile")
        .contains("does not exist on this machine")
        .doesNotContain("hosts[0].sshKeyFile");
  }

  @Test
  void monitoringOnAnotherAddressThanLoopbackIsAWarningNotAProblem() throws IOException {
    Path file = dir.resolve("bind.yaml");
    Files.writeString(
        file,
        """
        defaults: { execution: { client: geth }, consensus: { client: teku } }
        hosts:
          - { name: a, address: local, monitoring: { bind: 0.0.0.0 } }
          - { name: b, address: "ssh://ops@b.example.org", monitoring: { bind: 127.0.0.2 } }
          - { name: c, address: "ssh://ops@c.example.org", monitoring: { enabled: false, bind: 10.1.2.3 } }
        """);

    CliRun text = CliRun.of("check", "-f", file.toString(), "--no-probe");
    assertThat(text.code()).isZero();
    assertThat(text.out())
        .contains("a: local, geth + teku, validator off, monitoring on (Grafana 0.0.0.0:3000)");
    assertThat(text.err())
        .contains("warning: hosts[0].monitoring.bind (line 3): a publishes Prometheus (9090)")
        .contains("Prometheus with no login at all")
        .doesNotContain("hosts[1].monitoring.bind")
        .doesNotContain("hosts[2].monitoring.bind");

    JsonNode report =
        new ObjectMapper()
            .readTree(
                CliRun.of("check", "-f", file.toString(), "--no-probe", "--output", "json").out());
    assertThat(report.get("valid").asBoolean()).isTrue();
    assertThat(report.get("warnings"))
        .anySatisfy(w -> assertThat(w.get("path").asText()).isEqualTo("hosts[0].monitoring.bind"));
  }

  @Test
  void missingFileIsBadInput() {
    CliRun run = CliRun.of("check", "-f", dir.resolve("nope.yaml").toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml: file not found").doesNotContain("\tat ");
  }

  @Test
  void aDirectoryIsNotAnInventory() {
    CliRun run = CliRun.of("check", "-f", dir.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("not a regular file");
  }
}
