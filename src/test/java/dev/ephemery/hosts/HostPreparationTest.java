package dev.ephemery.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ephemery.hosts.HostCheck.Verdict;
import dev.ephemery.hosts.HostPreparation.Decision;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The decision of {@code hosts prepare} without SSH: facts in, verdicts and changes out. */
class HostPreparationTest {

  static final HostNeeds NEEDS =
      new HostNeeds(
          "/data/ephemery",
          List.of(
              new P2pPort(30303, "tcp", "geth p2p"),
              new P2pPort(30303, "udp", "geth p2p-udp"),
              new P2pPort(9000, "tcp", "lighthouse p2p"),
              new P2pPort(9000, "udp", "lighthouse p2p-udp")),
          4608,
          4096,
          19,
          2,
          "geth + lighthouse + lighthouse validator");

  /** A host that passes every check: Debian 12, root, Docker 24, no firewall, NTP synced. */
  static final String GOOD =
      """
      os_id=debian
      os_pretty=Debian GNU/Linux 12 (bookworm)
      kernel=6.1.0-18-amd64
      arch=x86_64
      uid=0
      user=root
      groups=root
      pkg_manager=apt-get
      docker_cli=/usr/bin/docker
      docker_server=24.0.7
      docker_info=2 overlay2 systemd
      ntp=yes
      ntp_synced=yes
      disk_path=/data
      disk_avail_kb=52428800
      mem_total_kb=16384000
      cgroup_fs=cgroup2fs
      """;

  static Decision decide(String facts) {
    return HostPreparation.decide(HostFacts.parse(facts), NEEDS);
  }

  static Map<String, Verdict> verdicts(Decision decision) {
    return decision.checks().stream()
        .collect(Collectors.toMap(HostCheck::name, HostCheck::verdict));
  }

  static String replace(String facts, String key, String line) {
    return facts.lines().filter(l -> !l.startsWith(key + "=")).collect(Collectors.joining("\n"))
        + "\n"
        + line;
  }

  @Test
  void aGoodHostPassesEveryCheckAndNeedsNoChange() {
    Decision decision = decide(GOOD);
    assertThat(verdicts(decision))
        .containsOnlyKeys(
            "os",
            "docker",
            "docker-access",
            "firewall",
            "time-sync",
            "disk",
            "memory",
            "cgroup",
            "storage-driver")
        .allSatisfy((name, verdict) -> assertThat(verdict).as(name).isEqualTo(Verdict.OK));
    assertThat(decision.actions()).isEmpty();
    assertThat(decision.failed()).isFalse();
  }

  @Test
  void dockerMissingFailsAndApplyInstallsFromTheDistributionThenStartsIt() {
    Decision decision = decide(replace(GOOD, "docker_cli", "").replace("docker_server=24.0.7", ""));
    assertThat(verdicts(decision)).containsEntry("docker", Verdict.FAIL);
    assertThat(decision.failed()).isTrue();
    assertThat(decision.actions())
        .extracting(HostAction::command)
        .containsExactly(
            "env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io",
            "systemctl enable --now docker");
  }

  @Test
  void withoutAKnownPackageManagerDockerMissingIsNotFixedByApply() {
    String facts =
        GOOD.replace("docker_cli=/usr/bin/docker", "")
            .replace("docker_server=24.0.7", "")
            .replace("pkg_manager=apt-get", "pkg_manager=pacman");
    Decision decision = decide(facts);
    assertThat(verdicts(decision)).containsEntry("docker", Verdict.FAIL);
    assertThat(decision.actions()).isEmpty();
  }

  @Test
  void anOldEngineFailsWithoutAnAction() {
    Decision decision = decide(GOOD.replace("docker_server=24.0.7", "docker_server=19.03.15"));
    HostCheck docker = decision.checks().get(1);
    assertThat(docker.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(docker.found()).contains("19.03.15 is older than 20.10");
    assertThat(decision.actions()).isEmpty();
    assertThat(verdicts(decide(GOOD.replace("24.0.7", "20.10.24+dfsg1"))))
        .containsEntry("docker", Verdict.OK);
  }

  @Test
  void aStoppedEngineIsStarted() {
    Decision decision =
        decide(
            GOOD.replace(
                "docker_server=24.0.7",
                "docker_error=Cannot connect to the Docker daemon at unix:///var/run/docker.sock."));
    assertThat(verdicts(decision)).containsEntry("docker", Verdict.FAIL);
    assertThat(decision.actions())
        .extracting(HostAction::command)
        .containsExactly("systemctl enable --now docker");
  }

  @Test
  void aUserOutsideTheDockerGroupFailsAndIsAddedWithSudoAndTheRootNote() {
    String facts =
        GOOD.replace("uid=0", "uid=1000")
            .replace("user=root", "user=ops")
            .replace("groups=root", "groups=ops sudo")
            .replace(
                "docker_server=24.0.7",
                "docker_error=permission denied while trying to connect to the Docker daemon"
                    + " socket");
    Decision decision = decide(facts);
    assertThat(verdicts(decision))
        .containsEntry("docker", Verdict.OK)
        .containsEntry("docker-access", Verdict.FAIL);
    HostAction add = decision.actions().get(0);
    assertThat(add.command()).isEqualTo("sudo -n usermod -aG docker ops");
    assertThat(add.describe()).contains("root-equivalent");

    Decision member = decide(facts.replace("groups=ops sudo", "groups=ops docker"));
    assertThat(verdicts(member)).containsEntry("docker-access", Verdict.FAIL);
    assertThat(member.actions()).isEmpty();
    assertThat(member.checks().get(2).fix()).contains("log in again");
  }

  @Test
  void aUserNameThatIsNotAPlainLoginNameGetsNoCommand() {
    Decision decision =
        decide(
            GOOD.replace("uid=0", "uid=1000")
                .replace("user=root", "user=x;reboot")
                .replace(
                    "docker_server=24.0.7",
                    "docker_error=permission denied while trying to connect"));
    assertThat(verdicts(decision)).containsEntry("docker-access", Verdict.FAIL);
    assertThat(decision.actions()).isEmpty();
  }

  @Test
  void ufwOpensOnlyTheClosedP2pPortsAndReadsItsRuleShapes() {
    String facts =
        GOOD
            + """
            ufw_status=Status: active
            ufw_line=To                         Action      From
            ufw_line=--                         ------      ----
            ufw_line=22/tcp                     ALLOW       Anywhere
            ufw_line=30303                      ALLOW       Anywhere
            ufw_line=8999:9000/udp              ALLOW       Anywhere
            ufw_line=9000/tcp                   DENY        Anywhere
            """;
    Decision decision = decide(facts);
    assertThat(verdicts(decision)).containsEntry("firewall", Verdict.WARN);
    assertThat(decision.actions())
        .extracting(HostAction::command)
        .containsExactly("ufw allow 9000/tcp");
    String open = facts + "ufw_line=9000/tcp                   ALLOW       Anywhere\n";
    assertThat(verdicts(decide(open))).containsEntry("firewall", Verdict.OK);
    assertThat(decide(open).actions()).isEmpty();
  }

  @Test
  void ufwRulesThatCannotBeReadWarnWithoutAnAction() {
    Decision decision = decide(GOOD.replace("uid=0", "uid=1000") + "ufw_status=unreadable\n");
    assertThat(verdicts(decision)).containsEntry("firewall", Verdict.WARN);
    assertThat(decision.actions()).isEmpty();
  }

  @Test
  void anInactiveUfwIsNoFirewall() {
    Decision decision = decide(GOOD + "ufw_status=Status: inactive\n");
    assertThat(verdicts(decision)).containsEntry("firewall", Verdict.OK);
    assertThat(decision.checks().get(3).found()).contains("no active host firewall");
  }

  @Test
  void nftablesWithADropPolicyGetsAcceptRulesForTheMissingPorts() {
    String facts =
        GOOD
            + """
            nft_line=table inet filter {
            nft_line=chain input {
            nft_line=type filter hook input priority filter; policy drop;
            nft_line=tcp dport 22 accept
            nft_line=tcp dport { 30303, 9000-9001 } accept
            nft_line=udp dport 30303 accept
            """;
    Decision decision = decide(facts);
    assertThat(verdicts(decision)).containsEntry("firewall", Verdict.WARN);
    assertThat(decision.actions())
        .extracting(HostAction::command)
        .containsExactly("nft add rule inet filter input udp dport 9000 accept");
    assertThat(verdicts(decide(facts.replace("policy drop", "policy accept"))))
        .containsEntry("firewall", Verdict.OK);
  }

  @Test
  void timeSyncOffWarnsAndIsTurnedOn() {
    Decision off =
        decide(GOOD.replace("ntp=yes", "ntp=no").replace("ntp_synced=yes", "ntp_synced=no"));
    assertThat(verdicts(off)).containsEntry("time-sync", Verdict.WARN);
    assertThat(off.failed()).isFalse();
    assertThat(off.actions())
        .extracting(HostAction::command)
        .containsExactly("timedatectl set-ntp true");

    Decision chrony = decide(GOOD.replace("ntp=yes", "") + "chrony=yes\n");
    assertThat(verdicts(chrony)).containsEntry("time-sync", Verdict.OK);
    Decision unknown = decide(GOOD.replace("ntp=yes", ""));
    assertThat(verdicts(unknown)).containsEntry("time-sync", Verdict.WARN);
    assertThat(unknown.actions()).isEmpty();
  }

  @Test
  void diskAndMemoryWarnBelowTheRecommendationAndFailBelowTheFloor() {
    // 19 GiB recommended, 2 GiB floor
    assertThat(verdicts(decide(GOOD.replace("52428800", String.valueOf(10L << 20)))))
        .containsEntry("disk", Verdict.WARN);
    Decision full = decide(GOOD.replace("52428800", "1024"));
    assertThat(verdicts(full)).containsEntry("disk", Verdict.FAIL);
    assertThat(full.checks().get(5).found()).contains("1 MiB free under /data");
    // 4608 MiB recommended, 4096 MiB floor
    assertThat(verdicts(decide(GOOD.replace("16384000", String.valueOf(4200L * 1024)))))
        .containsEntry("memory", Verdict.WARN);
    assertThat(verdicts(decide(GOOD.replace("16384000", String.valueOf(2048L * 1024)))))
        .containsEntry("memory", Verdict.FAIL);
  }

  @Test
  void cgroupV1AndSlowStorageDriversWarn() {
    Map<String, Verdict> verdicts =
        verdicts(
            decide(
                GOOD.replace("cgroup_fs=cgroup2fs", "cgroup_fs=tmpfs")
                    .replace("docker_info=2 overlay2 systemd", "docker_info=1 vfs cgroupfs")));
    assertThat(verdicts)
        .containsEntry("cgroup", Verdict.WARN)
        .containsEntry("storage-driver", Verdict.WARN);
  }

  @Test
  void anOldKernelFailsAndAnUnknownOneDoesNot() {
    assertThat(verdicts(decide(GOOD.replace("6.1.0-18-amd64", "3.2.0"))))
        .containsEntry("os", Verdict.FAIL);
    assertThat(verdicts(decide(GOOD.replace("kernel=6.1.0-18-amd64", ""))))
        .containsEntry("os", Verdict.OK);
  }

  @Test
  void versionsCompareByTheirLeadingNumbers() {
    assertThat(HostPreparation.compareVersions("20.10.24+dfsg1", "20.10")).isPositive();
    assertThat(HostPreparation.compareVersions("20.10", "20.10.0")).isZero();
    assertThat(HostPreparation.compareVersions("6.18.44-fc-v857", "3.10")).isPositive();
    assertThat(HostPreparation.compareVersions("v19.3", "20.10")).isNegative();
  }
}
