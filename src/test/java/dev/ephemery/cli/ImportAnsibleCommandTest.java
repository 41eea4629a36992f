package dev.ephemery.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAnsibleCommandTest {

  @TempDir Path dir;
  Path key;
  Path ansible;

  @BeforeEach
  void writeAnsibleInventory() throws IOException {
    key = dir.resolve("id_ephemery");
    Files.writeString(key, "a key");
    ansible = dir.resolve("inventory.yaml");
    Files.writeString(
        ansible,
        """
        all:
          vars:
            ansible_user: ubuntu
            ansible_ssh_private_key_file: %s
            ansible_become: true
          children:
            ephemery:
              vars:
                el: geth
                cl: lighthouse
                el_extra_opts: "--maxpeers=60 --cache 4096"
              hosts:
                eph1: { ansible_host: 192.0.2.10 }
                eph2: { ansible_host: 192.0.2.11, cl: prysm, tuning_profile: fast }
            monitoring:
              vars:
                grafana_port: 3100
                alertmanager_enabled: true
              hosts:
                eph1:
        """
            .formatted(key));
  }

  @Test
  void writesAnInventoryThatCheckAcceptsAndListsWhatItLeftOut() throws IOException {
    Path out = dir.resolve("ephemery.yaml");
    CliRun run = CliRun.of("import", "ansible", ansible.toString(), "-o", out.toString());

    assertThat(run.code()).as(run.all()).isZero();
    assertThat(run.out())
        .contains("wrote " + out)
        .contains("not mapped (3):")
        .contains("group all: ansible_become")
        .contains("group monitoring: alertmanager_enabled")
        .contains("host eph2: tuning_profile");
    CliRun check = CliRun.of("check", "-f", out.toString());
    assertThat(check.code()).as(check.all()).isZero();
    assertThat(check.out())
        .contains("eph1: ssh://ubuntu@192.0.2.10, geth + lighthouse")
        .contains("eph2: ssh://ubuntu@192.0.2.11, geth + prysm");
    String yaml = Files.readString(out);
    assertThat(yaml)
        .contains("sshKeyFile: " + key)
        .contains("extraArgs: [\"--maxpeers=60\", \"--cache\", \"4096\"]")
        .contains("grafanaPort: 3100");
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    Path out = dir.resolve("ephemery.yaml");
    Files.writeString(out, "keep me\n");
    CliRun run = CliRun.of("import", "ansible", ansible.toString(), "-o", out.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("already exists");
    assertThat(Files.readString(out)).isEqualTo("keep me\n");

    CliRun forced =
        CliRun.of("import", "ansible", ansible.toString(), "-o", out.toString(), "--force");
    assertThat(forced.code()).isZero();
  }

  @Test
  void anUnsupportedClientExitsTwoAndWritesNothing() throws IOException {
    Files.writeString(ansible, Files.readString(ansible).replace("cl: prysm", "cl: lighthouse-v5"));
    Path out = dir.resolve("ephemery.yaml");
    CliRun run = CliRun.of("import", "ansible", ansible.toString(), "-o", out.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("all.children.ephemery.hosts.eph2.cl")
        .contains("'lighthouse-v5' is not a supported consensus client")
        .doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void reportsAsJson() throws IOException {
    Path out = dir.resolve("ephemery.yaml");
    CliRun run =
        CliRun.of(
            "import", "ansible", ansible.toString(), "-o", out.toString(), "--output", "json");
    assertThat(run.code()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("hosts")).hasSize(2);
    assertThat(json.get("unmapped")).hasSize(3);
    assertThat(json.get("unmapped").get(0).get("origin").asText()).isEqualTo("group all");
  }

  @Test
  void aMissingOrMalformedFileIsBadInput() throws IOException {
    CliRun missing = CliRun.of("import", "ansible", dir.resolve("nope.yaml").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("file not found");

    Files.writeString(ansible, "all:\n  hosts: [\n");
    CliRun broken =
        CliRun.of("import", "ansible", ansible.toString(), "-o", dir.resolve("o.yaml").toString());
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.err()).contains("(line 3)").contains("YAML syntax error");
  }

  @Test
  void importWithoutATargetIsAUsageError() {
    assertThat(CliRun.of("import").code()).isEqualTo(2);
  }
}
