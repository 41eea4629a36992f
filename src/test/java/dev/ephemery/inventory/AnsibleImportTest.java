package dev.ephemery.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.common.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsibleImportTest {

  /** Shaped like the inventories of the earlier Ansible deployment (ansible-ephemery). */
  static final String ANSIBLE =
      """
      all:
        vars:
          ansible_user: ubuntu
          ansible_python_interpreter: /usr/bin/python3
          ephemery_base_dir: /opt/ephemery
          monitoring_enabled: true
          prometheus_port: 17690
          grafana_port: "3001"
        children:
          geth_lighthouse:
            vars:
              el: geth
              cl: lighthouse
              use_checkpoint_sync: true
              checkpoint_sync_url: https://checkpoint-sync.ephemery.ethpandaops.io
              cl_extra_opts: "--target-peers=80 --graffiti 'hello world'"
              firewall_enabled: false
            hosts:
              ephemery-node1:
                ansible_host: 192.168.1.101
                ansible_ssh_private_key_file: ~/.ssh/ephemery_ed25519
                el_extra_opts: --cache=2048 --maxpeers=60
              Ephemery_Node2.example.org:
                ansible_host: 192.168.1.102
                ansible_port: 2222
                ansible_user: ops
                el: besu
                cl_extra_opts: ""
                backup_enabled: true
          nethermind_teku:
            vars:
              el_client_name: Nethermind
              cl_client_name: teku
              use_checkpoint_sync: false
              checkpoint_sync_url: https://checkpointz.bordel.wtf
            hosts:
              ephemery-node3:
                ansible_host: localhost
                ansible_connection: local
                ephemery_base_dir: /srv/ephemery
                validator_enabled: yes
                validator_client: lighthouse
                validator_graffiti: "{{ inventory_hostname }}"
                node_exporter_port: 9101
      validators:
        hosts:
          ephemery-node3:
      """;

  @Test
  void mapsHostsWithGroupVarsAndHostVarsWinning() {
    AnsibleImport.Result result = AnsibleImport.convert(ANSIBLE, "inventory.yaml");
    assertThat(result.problems()).isEmpty();

    Inventory inventory = InventoryParser.parse(result.yaml(), "generated");
    assertThat(inventory.hosts())
        .extracting(Host::name)
        .containsExactly("ephemery-node1", "ephemery-node2-example-org", "ephemery-node3");

    Host node1 = inventory.hosts().get(0);
    assertThat(node1.address()).isEqualTo(new Address.Ssh("ubuntu", "192.168.1.101", 22));
    assertThat(node1.sshKeyFile()).isEqualTo("~/.ssh/ephemery_ed25519");
    assertThat(node1.execution().client()).isEqualTo(ExecutionClient.GETH);
    assertThat(node1.execution().extraArgs()).containsExactly("--cache=2048", "--maxpeers=60");
    assertThat(node1.consensus().extraArgs())
        .containsExactly("--target-peers=80", "--graffiti", "hello world");
    assertThat(node1.consensus().checkpointSyncUrl())
        .isEqualTo("https://checkpoint-sync.ephemery.ethpandaops.io");
    assertThat(node1.monitoring())
        .isEqualTo(
            new MonitoringSpec(
                true,
                17690,
                3001,
                MonitoringSpec.DEFAULT_NODE_EXPORTER_PORT,
                MonitoringSpec.DEFAULT_BIND));
    assertThat(node1.baseDir()).isEqualTo("/opt/ephemery");

    Host node2 = inventory.hosts().get(1);
    assertThat(node2.address()).isEqualTo(new Address.Ssh("ops", "192.168.1.102", 2222));
    assertThat(node2.execution().client()).isEqualTo(ExecutionClient.BESU);
    assertThat(node2.consensus().client()).isEqualTo(ConsensusClient.LIGHTHOUSE);
    assertThat(node2.consensus().extraArgs()).isEmpty();
    assertThat(node2.sshKeyFile()).isNull();

    Host node3 = inventory.hosts().get(2);
    assertThat(node3.address()).isEqualTo(new Address.Local());
    assertThat(node3.baseDir()).isEqualTo("/srv/ephemery");
    assertThat(node3.execution().client()).isEqualTo(ExecutionClient.NETHERMIND);
    assertThat(node3.consensus().client()).isEqualTo(ConsensusClient.TEKU);
    assertThat(node3.consensus().checkpointSyncUrl()).isNull();
    assertThat(node3.validator().enabled()).isTrue();
    assertThat(node3.validator().client()).isEqualTo(ConsensusClient.LIGHTHOUSE);
    assertThat(node3.validator().graffiti()).isNull();
    assertThat(node3.monitoring().nodeExporterPort()).isEqualTo(9101);
  }

  @Test
  void listsEveryKeyItDidNotMapWithItsOrigin() {
    AnsibleImport.Result result = AnsibleImport.convert(ANSIBLE, "inventory.yaml");
    assertThat(result.unmapped())
        .extracting(AnsibleImport.Unmapped::origin, AnsibleImport.Unmapped::key)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("group all", "ansible_python_interpreter"),
            org.assertj.core.groups.Tuple.tuple("group geth_lighthouse", "firewall_enabled"),
            org.assertj.core.groups.Tuple.tuple(
                "host Ephemery_Node2.example.org", "backup_enabled"),
            org.assertj.core.groups.Tuple.tuple("host ephemery-node3", "validator_graffiti"));
    assertThat(result.unmapped())
        .filteredOn(u -> u.key().equals("validator_graffiti"))
        .singleElement()
        .extracting(AnsibleImport.Unmapped::reason)
        .asString()
        .contains("Jinja");
    assertThat(result.yaml())
        .contains("# Not mapped from the Ansible inventory (4):")
        .contains("#   group all: ansible_python_interpreter");
    assertThat(result.notes())
        .anySatisfy(n -> assertThat(n).contains("use_checkpoint_sync is false"))
        .anySatisfy(n -> assertThat(n).contains("is named 'ephemery-node2-example-org'"));
  }

  @Test
  void anUnsupportedClientIsAProblemNamingWhereItWasSet() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              children:
                eph:
                  vars:
                    ansible_user: ops
                    cl: lighthous
                  hosts:
                    n1: { ansible_host: 10.0.0.1 }
            """,
            "x");
    assertThat(result.ok()).isFalse();
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.where()).isEqualTo("all.children.eph.vars.cl");
              assertThat(p.line()).isEqualTo(6);
              assertThat(p.message()).isEqualTo("'lighthous' is not a supported consensus client");
              assertThat(p.hint()).contains("did you mean 'lighthouse'?").contains("supported:");
            });
    assertThat(result.yaml()).isNull();
  }

  @Test
  void aRemoteHostWithoutUserCannotBeMapped() {
    List<Problem> problems =
        AnsibleImport.convert("all:\n  hosts:\n    n1:\n      ansible_host: 10.0.0.1\n", "x")
            .problems();
    assertThat(problems)
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("no ansible_user");
  }

  @Test
  void badValuesAreProblems() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              vars: { ansible_connection: local }
              hosts:
                n1:
                  prometheus_port: 99999
                  validator_enabled: perhaps
                  el_extra_opts: "--graffiti 'unclosed"
                  checkpoint_sync_url: ftp://example.org
                  ephemery_base_dir: relative/dir
            """,
            "x");
    assertThat(result.problems())
        .extracting(Problem::where)
        .containsExactlyInAnyOrder(
            "all.hosts.n1.prometheus_port",
            "all.hosts.n1.validator_enabled",
            "all.hosts.n1.el_extra_opts",
            "all.hosts.n1.checkpoint_sync_url",
            "all.hosts.n1.ephemery_base_dir");
  }

  @Test
  void anIniInventoryIsRejectedWithAConversionHint() {
    AnsibleImport.Result result =
        AnsibleImport.convert("[nodes]\nnode1 ansible_host=10.0.0.1\n", "hosts.ini");
    assertThat(result.ok()).isFalse();
    assertThat(result.problems().get(0).hint()).contains("ansible-inventory");
  }

  @Test
  void anInventoryWithoutHostsIsAProblem() {
    AnsibleImport.Result result = AnsibleImport.convert("all:\n  vars: { el: geth }\n", "x");
    assertThat(result.problems()).extracting(Problem::message).containsExactly("no hosts found");
  }

  @Test
  void namesStayUniqueAfterCleaning() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              vars: { ansible_connection: local }
              hosts:
                Node_A: { ephemery_base_dir: /a }
                node.a: { ephemery_base_dir: /b }
            """,
            "x");
    assertThat(result.problems()).isEmpty();
    assertThat(result.hosts()).extracting(Host::name).containsExactly("node-a", "node-a-2");
  }

  @Test
  void anUnusedCheckpointUrlIsDroppedNotJudged() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              vars: { ansible_connection: local }
              hosts:
                n1:
                  use_checkpoint_sync: false
                  checkpoint_sync_url: https://checkpoint-sync.sepolia.ethpandaops.io
            """,
            "x");
    assertThat(result.problems()).isEmpty();
    assertThat(result.hosts().get(0).consensus().checkpointSyncUrl()).isNull();
    assertThat(result.notes())
        .anySatisfy(n -> assertThat(n).contains("sepolia").contains("is dropped"));
  }

  @Test
  void validatorFeeRecipientAndExtraOptsHaveTheirHomes() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              vars: { ansible_connection: local, validator_enabled: true }
              hosts:
                n1:
                  ephemery_base_dir: /a
                  validator_fee_recipient: "0x00000000219ab540356cBB839Cbe05303d7705Fa"
                  validator_extra_opts: "--suggested-fee-recipient=0x0000000000000000000000000000000000000000 --builder-proposals"
                n2:
                  ephemery_base_dir: /b
                  validator_extra_opts: "--suggestedFeeRecipient 0x00000000219ab540356cBB839Cbe05303d7705Fa"
                n3:
                  ephemery_base_dir: /c
                  validator_fee_recipient: "0x1234"
            """,
            "x");
    assertThat(result.unmapped()).isEmpty();
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.where()).isEqualTo("all.hosts.n3.validator_fee_recipient"));

    AnsibleImport.Result ok =
        AnsibleImport.convert(
            """
            all:
              vars: { ansible_connection: local, validator_enabled: true }
              hosts:
                n1:
                  ephemery_base_dir: /a
                  validator_fee_recipient: "0x00000000219ab540356cBB839Cbe05303d7705Fa"
                  validator_extra_opts: "--suggested-fee-recipient=0x0000000000000000000000000000000000000000 --builder-proposals"
                n2:
                  ephemery_base_dir: /b
                  validator_extra_opts: "--suggestedFeeRecipient 0x00000000219ab540356cBB839Cbe05303d7705Fa"
            """,
            "x");
    assertThat(ok.problems()).isEmpty();
    Host n1 = ok.hosts().get(0);
    assertThat(n1.validator().feeRecipient())
        .isEqualTo("0x00000000219ab540356cBB839Cbe05303d7705Fa");
    assertThat(n1.validator().extraArgs()).containsExactly("--builder-proposals");
    Host n2 = ok.hosts().get(1);
    assertThat(n2.validator().feeRecipient())
        .isEqualTo("0x00000000219ab540356cBB839Cbe05303d7705Fa");
    assertThat(n2.validator().extraArgs()).isEmpty();
    assertThat(ok.notes())
        .anySatisfy(n -> assertThat(n).contains("taken out of validator_extra_opts"));
  }

  @Test
  void anEmptyAnsibleHostIsNamedInANote() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            "all:\n  hosts:\n    node1:\n      ansible_host:\n      ansible_user: root\n", "x");
    assertThat(result.problems()).isEmpty();
    assertThat(result.hosts().get(0).address()).isEqualTo(new Address.Ssh("root", "node1", 22));
    assertThat(result.notes())
        .anySatisfy(
            n ->
                assertThat(n)
                    .contains("node1: ansible_host is empty")
                    .contains("ssh://root@node1"));
  }

  @Test
  void aMonitoringOnlyHostIsSkippedWithAReasonButAClientMakesItANode() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              vars: { ansible_user: root }
              children:
                nodes:
                  hosts:
                    node1: { ansible_host: 10.0.0.1 }
                monitoring:
                  hosts:
                    monitor: { ansible_host: 10.0.0.9, grafana_enabled: true }
                    node1:
                monitoring_eu:
                  hosts:
                    node2: { ansible_host: 10.0.0.2, el: besu }
            """,
            "x");
    assertThat(result.problems()).isEmpty();
    assertThat(result.hosts()).extracting(Host::name).containsExactly("node1", "node2");
    assertThat(result.notes())
        .anySatisfy(
            n -> assertThat(n).contains("host 'monitor' is skipped").contains("monitoring"));
    assertThat(result.unmapped())
        .extracting(AnsibleImport.Unmapped::key)
        .doesNotContain("grafana_enabled");
  }

  @Test
  void keysLeftOutOnPurposeSayWhyAndWhatToDo() {
    AnsibleImport.Result result =
        AnsibleImport.convert(
            """
            all:
              vars:
                ansible_connection: local
                grafana_admin_password: admin
                ansible_ssh_common_args: "-o StrictHostKeyChecking=no"
              hosts:
                n1:
            """,
            "x");
    assertThat(result.unmapped())
        .extracting(AnsibleImport.Unmapped::key, AnsibleImport.Unmapped::reason)
        .anySatisfy(t -> assertThat(t.toList().get(1).toString()).contains("generates its own"))
        .anySatisfy(
            t -> assertThat(t.toList().get(1).toString()).contains("ephemery hosts trust NAME"));
  }
}
