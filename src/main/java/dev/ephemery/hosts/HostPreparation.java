package dev.ephemery.hosts;

import dev.ephemery.hosts.HostCheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pure decision of {@code ephemery hosts prepare}: the facts gathered from a host and what its
 * node needs in, each check's verdict and the changes {@code --apply} would make out. Only what
 * stops a node is a FAIL (no Docker, Docker too old, the user cannot use it, no room at all); what
 * makes it run worse is a WARN. Actions only ever add: a port is opened, never closed.
 */
public final class HostPreparation {

  /**
   * The oldest Docker engine accepted: 20.10 is the first release with cgroup v2 support (Docker
   * Engine 20.10 release notes, docs.docker.com/engine/release-notes/20.10) and Debian 12's
   * docker.io package (20.10.24), the oldest engine the tool is tested on.
   */
  public static final String MIN_DOCKER = "20.10";

  /** Storage drivers Docker's docs recommend (docs.docker.com/engine/storage/drivers/select). */
  static final List<String> GOOD_DRIVERS = List.of("overlay2", "overlayfs", "btrfs", "zfs");

  /** Each check with its verdict, and what {@code --apply} would change. */
  public record Decision(List<HostCheck> checks, List<HostAction> actions) {
    public Decision {
      checks = List.copyOf(checks);
      actions = List.copyOf(actions);
    }

    public boolean failed() {
      return checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
    }
  }

  private HostPreparation() {}

  public static Decision decide(HostFacts facts, HostNeeds needs) {
    List<HostCheck> checks = new ArrayList<>();
    List<HostAction> actions = new ArrayList<>();
    String sudo = facts.getOr("uid", "0").equals("0") ? "" : "sudo -n ";
    checks.add(os(facts));
    checks.add(docker(facts, sudo, actions));
    checks.add(dockerAccess(facts, sudo, actions));
    checks.add(firewall(facts, needs, sudo, actions));
    checks.add(timeSync(facts, sudo, actions));
    checks.add(disk(facts, needs));
    checks.add(memory(facts, needs));
    checks.add(cgroup(facts));
    checks.add(storageDriver(facts));
    return new Decision(checks, actions);
  }

  static HostCheck os(HostFacts facts) {
    String os = facts.getOr("os_pretty", facts.getOr("os_id", "unknown OS"));
    String kernel = facts.getOr("kernel", "unknown");
    String found = os + ", kernel " + kernel + " (" + facts.getOr("arch", "?") + ")";
    // Docker needs Linux 3.10 or later (docs.docker.com/engine/install/binaries, prerequisites).
    if (facts.get("kernel").isPresent() && compareVersions(kernel, "3.10") < 0) {
      return HostCheck.fail("os", found, "upgrade to a kernel of 3.10 or later (Docker needs it)");
    }
    if (facts.get("os_id").isEmpty()) {
      return HostCheck.warn("os", found, "no /etc/os-release: the distribution is not known");
    }
    return HostCheck.ok("os", found);
  }

  static HostCheck docker(HostFacts facts, String sudo, List<HostAction> actions) {
    Optional<String> server = facts.get("docker_server");
    if (facts.get("docker_cli").isEmpty()) {
      boolean apt = facts.getOr("pkg_manager", "").equals("apt-get");
      if (apt) {
        actions.add(
            new HostAction(
                "docker",
                "install docker.io from the distribution's packages",
                sudo + "env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io"));
        actions.add(startDocker(sudo));
      }
      return HostCheck.fail(
          "docker",
          "no docker command on the PATH",
          apt
              ? "install it: apt-get install docker.io (or run with --apply)"
              : "install Docker Engine from the distribution's packages and start it");
    }
    if (server.isEmpty()) {
      String error = facts.getOr("docker_error", "no answer");
      if (deniedAccess(error)) {
        return HostCheck.ok("docker", "docker CLI present; the engine refused this user");
      }
      actions.add(startDocker(sudo));
      return HostCheck.fail(
          "docker",
          "the Docker engine does not answer: " + error,
          "start it: systemctl enable --now docker (or run with --apply)");
    }
    if (compareVersions(server.get(), MIN_DOCKER) < 0) {
      return HostCheck.fail(
          "docker",
          "Docker Engine " + server.get() + " is older than " + MIN_DOCKER,
          "upgrade Docker Engine to " + MIN_DOCKER + " or later");
    }
    return HostCheck.ok("docker", "Docker Engine " + server.get());
  }

  private static HostAction startDocker(String sudo) {
    return new HostAction(
        "docker", "enable and start the docker service", sudo + "systemctl enable --now docker");
  }

  static boolean deniedAccess(String error) {
    return error.toLowerCase(Locale.ROOT).contains("permission denied");
  }

  static HostCheck dockerAccess(HostFacts facts, String sudo, List<HostAction> actions) {
    String user = facts.getOr("user", "?");
    String note = " (root-equivalent: whoever uses Docker can become root on this host)";
    boolean root = facts.getOr("uid", "").equals("0");
    if (facts.get("docker_server").isPresent()) {
      return HostCheck.ok(
          "docker-access", (root ? "root" : user) + " can use Docker" + (root ? "" : note));
    }
    if (facts.get("docker_cli").isEmpty()
        || !deniedAccess(facts.getOr("docker_error", ""))
        || root) {
      return HostCheck.warn(
          "docker-access", "not checked: the Docker engine does not answer", "fix 'docker' first");
    }
    boolean member = List.of(facts.getOr("groups", "").split(" ")).contains("docker");
    // the name goes into a shell command: only a plain login name (useradd's own rule, roughly)
    if (!member && user.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
      actions.add(
          new HostAction(
              "docker-access",
              "add " + user + " to the docker group" + note,
              sudo + "usermod -aG docker " + user));
    }
    return HostCheck.fail(
        "docker-access",
        user + " may not use Docker" + (member ? " (in the docker group, not yet logged in)" : ""),
        member
            ? "log in again so the docker group applies"
            : "usermod -aG docker " + user + note + " (or run with --apply), then log in again");
  }

  static HostCheck firewall(HostFacts facts, HostNeeds needs, String sudo, List<HostAction> a) {
    return Firewall.check(facts, needs.ports(), sudo, a);
  }

  static HostCheck timeSync(HostFacts facts, String sudo, List<HostAction> actions) {
    if (facts.yes("chrony")) {
      return HostCheck.ok("time-sync", "chrony is tracking a time source");
    }
    Optional<String> ntp = facts.get("ntp");
    if (ntp.isEmpty()) {
      return HostCheck.warn(
          "time-sync",
          "no systemd-timesyncd (timedatectl) or chrony answered",
          "install and enable chrony or systemd-timesyncd: validators must keep time");
    }
    if (!facts.yes("ntp")) {
      actions.add(
          new HostAction(
              "time-sync", "turn on time synchronisation", sudo + "timedatectl set-ntp true"));
      return HostCheck.warn(
          "time-sync",
          "time synchronisation is off (timedatectl NTP=no)",
          "timedatectl set-ntp true (or run with --apply)");
    }
    if (!facts.yes("ntp_synced")) {
      return HostCheck.warn(
          "time-sync",
          "time synchronisation is on but the clock is not synchronised yet",
          "check that the host reaches an NTP server (UDP 123)");
    }
    return HostCheck.ok("time-sync", "time synchronisation on and synchronised");
  }

  static HostCheck disk(HostFacts facts, HostNeeds needs) {
    Optional<Long> availableKb = facts.number("disk_avail_kb");
    String where = facts.getOr("disk_path", needs.baseDir());
    if (availableKb.isEmpty()) {
      return HostCheck.warn("disk", "free disk under " + where + " not known", "check it: df -h");
    }
    double gib = availableKb.get() / (1024.0 * 1024.0);
    String found =
        (gib < 1 ? availableKb.get() / 1024 + " MiB" : String.format(Locale.ROOT, "%.1f GiB", gib))
            + " free under "
            + where
            + " (recommended for "
            + needs.clients()
            + ": "
            + needs.diskGiB()
            + " GiB)";
    if (gib < needs.diskFloorGiB()) {
      return HostCheck.fail(
          "disk",
          found,
          "free disk under " + needs.baseDir() + ": at least " + needs.diskFloorGiB() + " GiB");
    }
    if (gib < needs.diskGiB()) {
      return HostCheck.warn("disk", found, "free or add disk under " + needs.baseDir());
    }
    return HostCheck.ok("disk", found);
  }

  static HostCheck memory(HostFacts facts, HostNeeds needs) {
    Optional<Long> totalKb = facts.number("mem_total_kb");
    if (totalKb.isEmpty()) {
      return HostCheck.warn("memory", "memory not known", "check it: free -m");
    }
    long mib = totalKb.get() / 1024;
    String found =
        mib
            + " MiB of memory (recommended for "
            + needs.clients()
            + ": "
            + needs.memoryMiB()
            + " MiB)";
    if (mib < needs.memoryFloorMiB()) {
      return HostCheck.fail(
          "memory",
          found,
          "these clients do not run in less than " + needs.memoryFloorMiB() + " MiB");
    }
    if (mib < needs.memoryMiB()) {
      return HostCheck.warn("memory", found, "add memory or choose lighter clients");
    }
    return HostCheck.ok("memory", found);
  }

  static HostCheck cgroup(HostFacts facts) {
    String fs = facts.getOr("cgroup_fs", "");
    String docker = dockerInfo(facts, 0);
    boolean v2 = fs.equals("cgroup2fs") || docker.equals("2");
    if (v2) {
      return HostCheck.ok("cgroup", "cgroup v2");
    }
    if (fs.isEmpty() && docker.isEmpty()) {
      return HostCheck.warn("cgroup", "cgroup version not known", "check /sys/fs/cgroup");
    }
    return HostCheck.warn(
        "cgroup",
        "cgroup v1",
        "Docker deprecates cgroup v1; boot with systemd.unified_cgroup_hierarchy=1 when you can");
  }

  static HostCheck storageDriver(HostFacts facts) {
    String driver = dockerInfo(facts, 1);
    if (driver.isEmpty()) {
      return HostCheck.warn(
          "storage-driver", "not checked: the Docker engine does not answer", "fix 'docker' first");
    }
    if (GOOD_DRIVERS.contains(driver)) {
      return HostCheck.ok("storage-driver", driver);
    }
    return HostCheck.warn(
        "storage-driver",
        driver + " (slow or deprecated)",
        "configure overlay2 in /etc/docker/daemon.json (docs.docker.com/engine/storage/drivers)");
  }

  /** A field of {@code docker info --format '{{.CgroupVersion}} {{.Driver}} {{.CgroupDriver}}'}. */
  private static String dockerInfo(HostFacts facts, int field) {
    String[] parts = facts.getOr("docker_info", "").split(" ");
    return parts.length > field ? parts[field] : "";
  }

  /** Compares dotted versions by their leading numbers: {@code 20.10.24+dfsg1} > {@code 20.10}. */
  static int compareVersions(String a, String b) {
    int[] x = numbers(a);
    int[] y = numbers(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int left = i < x.length ? x[i] : 0;
      int right = i < y.length ? y[i] : 0;
      if (left != right) {
        return Integer.compare(left, right);
      }
    }
    return 0;
  }

  private static int[] numbers(String version) {
    String[] parts = version.strip().replaceFirst("^v", "").split("\\.");
    List<Integer> out = new ArrayList<>();
    for (String part : parts) {
      String digits = part.replaceFirst("^(\\d+).*", "$1");
      if (digits.isEmpty() || !Character.isDigit(digits.charAt(0))) {
        break;
      }
      out.add(Integer.parseInt(digits));
      if (!digits.equals(part)) {
        break;
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
