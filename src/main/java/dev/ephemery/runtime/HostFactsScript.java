package dev.ephemery.runtime;

/**
 * The read-only shell script {@code hosts prepare} runs on a host (POSIX sh, read from stdin,
 * baseDir as $1): it prints {@code key=value} facts and changes nothing. Keys are read by {@code
 * hosts.HostPreparation}; {@code sudo -n} is only tried for the firewall listings, which need root,
 * and never asks for a password.
 */
public final class HostFactsScript {

  public static final String TEXT =
      """
      base=$1
      LC_ALL=C; export LC_ALL
      have() { command -v "$1" >/dev/null 2>&1; }
      say() { printf '%s=%s\\n' "$1" "$2"; }
      asroot() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo -n "$@"; fi; }
      osr() { sed -n "s/^$1=//p" /etc/os-release 2>/dev/null | tr -d '"' | head -n 1; }
      say os_id "$(osr ID)"
      say os_version "$(osr VERSION_ID)"
      say os_pretty "$(osr PRETTY_NAME)"
      say kernel "$(uname -r)"
      say arch "$(uname -m)"
      say uid "$(id -u)"
      say user "$(id -un)"
      say groups "$(id -Gn)"
      for m in apt-get dnf yum zypper pacman; do
        if have "$m"; then say pkg_manager "$m"; break; fi
      done
      if have docker; then
        say docker_cli "$(command -v docker)"
        if out=$(docker version --format '{{.Server.Version}}' 2>&1); then
          say docker_server "$out"
          say docker_info "$(docker info --format '{{.CgroupVersion}} {{.Driver}} {{.CgroupDriver}}' 2>/dev/null)"
        else
          say docker_error "$(printf '%s' "$out" | tr '\\n' ' ' | cut -c1-300)"
        fi
      fi
      if have ufw; then
        status=$(asroot ufw status 2>/dev/null)
        if [ -z "$status" ]; then say ufw_status unreadable; else
          printf '%s\n' "$status" | {
            read -r first; say ufw_status "$first"
            while read -r line; do say ufw_line "$line"; done
          }
        fi
      fi
      if have nft; then
        asroot nft list chain inet filter input 2>/dev/null | while read -r line; do say nft_line "$line"; done
      fi
      if have timedatectl; then
        say ntp "$(timedatectl show -p NTP --value 2>/dev/null)"
        say ntp_synced "$(timedatectl show -p NTPSynchronized --value 2>/dev/null)"
      fi
      if have chronyc && chronyc tracking >/dev/null 2>&1; then say chrony yes; fi
      d=$base
      while [ -n "$d" ] && [ ! -d "$d" ]; do d=$(dirname "$d"); done
      say disk_path "$d"
      df -Pk "$d" 2>/dev/null | awk 'NR==2 { print "disk_avail_kb=" $4; print "disk_total_kb=" $2 }'
      awk '/^MemTotal:/ { print "mem_total_kb=" $2 } /^MemAvailable:/ { print "mem_available_kb=" $2 }' /proc/meminfo
      say cgroup_fs "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)"
      """;

  private HostFactsScript() {}
}
