#!/usr/bin/env bash
# Local stand-ins for the services the integration tests (*IT) talk to:
# a Docker daemon, an OpenSSH server on loopback, promtool/prometheus,
# the ethereumjs execution client (Engine API + JWT), docker-compose and a
# busybox image imported from a local rootfs (images cannot be pulled here).
#
# Usage: .ci/services.sh start|stop|restart-dockerd|env|status
#
#   start   install what is missing, start dockerd and sshd, import the image,
#           write $STATE/env. Idempotent: running it twice reuses what runs.
#   stop    stop by PID exactly the daemons that `start` started, nothing else.
#   restart-dockerd  stop and start again the dockerd that `start` started (tests of a daemon
#           that goes away mid-operation).
#   env     print the env file (source it: `. "$(.ci/services.sh envfile)"`).
#
# Tunables (environment):
#   EPHEMERY_CI_STATE        state dir (pidfiles, logs, keys, env)   [/var/lib/ephemery-ci]
#   EPHEMERY_CI_CACHE        cache dir (npm install of ethereumjs)   [/var/cache/ephemery-ci]
#   EPHEMERY_CI_SSH_PORT     loopback port of the test sshd          [2222]
#   EPHEMERY_CI_DOCKERD_ARGS extra dockerd flags, e.g. "--storage-driver=vfs"
#
# Must run as root (it installs packages, runs dockerd and binds sshd).
set -euo pipefail

STATE=${EPHEMERY_CI_STATE:-/var/lib/ephemery-ci}
CACHE=${EPHEMERY_CI_CACHE:-/var/cache/ephemery-ci}
SSH_PORT=${EPHEMERY_CI_SSH_PORT:-2222}
DOCKER_SOCK=/var/run/docker.sock
STANDIN_IMAGE=ephemery-test/busybox:1
ETHEREUMJS_VERSION=0.10.5
READY_TIMEOUT=60

SSH_DIR=$STATE/ssh
ENV_FILE=$STATE/env
DOCKERD_PID=$STATE/dockerd.pid        # written by dockerd itself (--pidfile)
DOCKERD_OURS=$STATE/dockerd.started   # marker: this script started that dockerd
SSHD_PID=$SSH_DIR/sshd.pid            # written by sshd itself (PidFile)

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Is PID alive and running the program named $2? (guards against a stale
# pidfile whose number has been reused by an unrelated process)
pid_is() {
  local pid=$1 name=$2
  [[ -n $pid && -d /proc/$pid ]] || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]]
}
read_pid() { [[ -s $1 ]] && tr -dc '0-9' <"$1" || true; }

docker_answers() { docker -H "unix://$DOCKER_SOCK" info >/dev/null 2>&1; }

# ---------------------------------------------------------------- packages
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
  # docker.io brings dockerd, containerd and runc; iptables is needed by
  # dockerd for bridge networks and for the embedded DNS (127.0.0.11) that
  # lets containers on a user-defined network resolve each other by name.
  # busybox-static: a static binary, so the imported rootfs needs no libc.
  # curl, jq: the guides (docs/guides, run by GuidesIT) use them as a reader would.
  local wanted=(docker.io openssh-server openssh-client prometheus busybox-static chromium
                docker-compose iproute2 iptables ca-certificates tar curl jq)
  local missing=() p
  for p in "${wanted[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  if ((${#missing[@]})); then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
  fi
  command -v npm >/dev/null || die "npm not found (Node.js is expected on this machine)"
  local pkgjson=$CACHE/npm/node_modules/@ethereumjs/client/package.json
  if ! grep -q "\"version\": \"$ETHEREUMJS_VERSION\"" "$pkgjson" 2>/dev/null \
     || [[ ! -e $CACHE/npm/node_modules/.bin/ethereumjs ]]; then
    log "npm install @ethereumjs/client@$ETHEREUMJS_VERSION into $CACHE/npm"
    mkdir -p "$CACHE/npm"
    # no install scripts are needed: classic-level ships prebuilt binaries and
    # the client's preinstall only creates a placeholder bin file.
    npm install --prefix "$CACHE/npm" --no-audit --no-fund --loglevel=error \
      "@ethereumjs/client@$ETHEREUMJS_VERSION" >&2
  fi
}

# ---------------------------------------------------------------- dockerd
# Findings on this sandbox (Firecracker VM, kernel 6.18, root, cgroup v1):
#  * storage: / is ext4 and the kernel has overlayfs, so dockerd's automatic
#    choice is overlay2; if overlay is unavailable dockerd falls back to vfs by
#    itself (slow but works); force with EPHEMERY_CI_DOCKERD_ARGS=--storage-driver=vfs.
#  * networking: bridge devices and iptables (nft backend) work, so the default
#    --bridge/--iptables=true are kept. --iptables=false would break name
#    resolution on user-defined networks (the embedded DNS at 127.0.0.11 is
#    reached through NAT rules inside each container), which the tool needs.
#  * cgroups: v1 hierarchies are mounted; the default cgroupfs driver works
#    (no systemd here, so not --exec-opt native.cgroupdriver=systemd).
#  * no system containerd runs; dockerd 20.10 starts and stops its own.
start_dockerd() {
  local pid
  pid=$(read_pid "$DOCKERD_PID")
  if [[ -f $DOCKERD_OURS ]] && pid_is "$pid" dockerd; then
    log "dockerd already started by us (pid $pid)"
  elif docker_answers; then
    log "a Docker daemon already answers on $DOCKER_SOCK: reusing it (will not stop it)"
    rm -f "$DOCKERD_OURS"
    return 0
  else
    rm -f "$DOCKERD_OURS" "$DOCKERD_PID"
    log "starting dockerd (log $STATE/dockerd.log)"
    # setsid + nohup: the daemon must outlive this script and its caller's
    # process group; it is stopped by PID in `stop`.
    # shellcheck disable=SC2086
    # 9>&-: the daemon must not inherit the lock's descriptor, or it would hold the lock for as
    # long as it runs and `stop` could never take it.
    setsid nohup dockerd --pidfile "$DOCKERD_PID" --host "unix://$DOCKER_SOCK" \
      ${EPHEMERY_CI_DOCKERD_ARGS:-} >>"$STATE/dockerd.log" 2>&1 </dev/null 9>&- &
    touch "$DOCKERD_OURS"
  fi
  local deadline=$((SECONDS + READY_TIMEOUT))
  until docker_answers; do
    if ((SECONDS >= deadline)); then
      tail -n 30 "$STATE/dockerd.log" >&2 || true
      die "dockerd did not answer within ${READY_TIMEOUT}s"
    fi
    sleep 1
  done
  log "dockerd answers: $(docker -H "unix://$DOCKER_SOCK" info --format '{{.ServerVersion}} storage={{.Driver}} cgroup={{.CgroupDriver}}')"
}

# ---------------------------------------------------------------- sshd
ssh_probe() {
  ssh -F /dev/null -p "$SSH_PORT" -i "$SSH_DIR/id_ed25519" \
    -o UserKnownHostsFile="$SSH_DIR/known_hosts" -o GlobalKnownHostsFile=/dev/null \
    -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes \
    -o ConnectTimeout=5 root@127.0.0.1 true </dev/null >/dev/null 2>&1
}

start_sshd() {
  mkdir -p "$SSH_DIR"
  chmod 700 "$SSH_DIR"
  # Keys are generated once and kept, so known_hosts stays valid across restarts.
  [[ -f $SSH_DIR/ssh_host_ed25519_key ]] ||
    ssh-keygen -q -t ed25519 -N '' -C ephemery-ci-host -f "$SSH_DIR/ssh_host_ed25519_key"
  [[ -f $SSH_DIR/id_ed25519 ]] ||
    ssh-keygen -q -t ed25519 -N '' -C ephemery-ci-client -f "$SSH_DIR/id_ed25519"
  # Root is authorized through a file of our own (AuthorizedKeysFile below),
  # so /root/.ssh is left untouched.
  cp "$SSH_DIR/id_ed25519.pub" "$SSH_DIR/authorized_keys"
  chmod 600 "$SSH_DIR/authorized_keys"
  # both names a test might use for the loopback host
  printf '[127.0.0.1]:%s %s\n[localhost]:%s %s\n' \
    "$SSH_PORT" "$(cut -d' ' -f1,2 "$SSH_DIR/ssh_host_ed25519_key.pub")" \
    "$SSH_PORT" "$(cut -d' ' -f1,2 "$SSH_DIR/ssh_host_ed25519_key.pub")" >"$SSH_DIR/known_hosts"

  # UsePAM no: Debian's PAM session stack (pam_loginuid) is not needed and may
  # fail in a sandbox; root's shadow entry is '*' (not locked), so key login works.
  cat >"$SSH_DIR/sshd_config" <<EOF
# generated by .ci/services.sh for the integration tests
ListenAddress 127.0.0.1:$SSH_PORT
HostKey $SSH_DIR/ssh_host_ed25519_key
PidFile $SSHD_PID
AuthorizedKeysFile $SSH_DIR/authorized_keys
# StrictModes would refuse the key when EPHEMERY_CI_STATE lies under a
# world-writable dir such as /tmp ("bad ownership or modes for directory /tmp");
# the key file is ours, in a 0700 dir, so the check adds nothing here.
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# the tool reaches the remote /var/run/docker.sock via direct-streamlocal@openssh.com
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
X11Forwarding no
PrintMotd no
# tests open several sessions at once
MaxSessions 32
MaxStartups 64:30:128
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel INFO
EOF

  local pid
  pid=$(read_pid "$SSHD_PID")
  if pid_is "$pid" sshd && ssh_probe; then
    log "sshd already running (pid $pid, port $SSH_PORT)"
    return 0
  fi
  if pid_is "$pid" sshd; then
    # ours but not answering with the current keys/config: restart it
    kill "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$SSHD_PID"
  if ss -Hltn "sport = :$SSH_PORT" 2>/dev/null | grep -q .; then
    die "port $SSH_PORT is taken by another process; set EPHEMERY_CI_SSH_PORT"
  fi
  mkdir -p /run/sshd        # privilege separation dir; no systemd-tmpfiles here
  chmod 755 /run/sshd
  /usr/sbin/sshd -t -f "$SSH_DIR/sshd_config"
  log "starting sshd on 127.0.0.1:$SSH_PORT (log $SSH_DIR/sshd.log)"
  # sshd daemonizes itself and writes PidFile
  /usr/sbin/sshd -f "$SSH_DIR/sshd_config" -E "$SSH_DIR/sshd.log" 9>&-
  local deadline=$((SECONDS + READY_TIMEOUT))
  until ssh_probe; do
    if ((SECONDS >= deadline)); then
      tail -n 20 "$SSH_DIR/sshd.log" >&2 || true
      die "sshd did not accept the test key within ${READY_TIMEOUT}s"
    fi
    sleep 1
  done
  log "sshd answers (pid $(read_pid "$SSHD_PID"))"
}

# ---------------------------------------------------------------- image
build_standin_image() {
  if docker -H "unix://$DOCKER_SOCK" image inspect "$STANDIN_IMAGE" >/dev/null 2>&1; then
    log "image $STANDIN_IMAGE present"
    return 0
  fi
  local busybox=/bin/busybox root
  [[ -x $busybox ]] || busybox=$(command -v busybox)
  file_is_static "$busybox" || die "$busybox is not the static busybox (package busybox-static)"
  root=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$root'" RETURN
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,proc,sys,dev,root,var/www}
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  # `busybox --install -s DIR` would write symlinks to the *host* path of the
  # binary; link every applet to /bin/busybox instead, valid inside the image.
  local applet
  for applet in $("$busybox" --list-full); do
    [[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  log "importing $STANDIN_IMAGE from a busybox rootfs"
  # Known quirk of Debian's busybox-static 1.35 here: `wget -T N` segfaults;
  # plain `wget -O- URL` works. nslookup/ping/httpd/nc/sleep are fine.
  tar -C "$root" --numeric-owner -cf - . |
    docker -H "unix://$DOCKER_SOCK" import \
      -c 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'CMD ["/bin/sh"]' \
      -c 'LABEL dev.ephemery.test=standin' \
      - "$STANDIN_IMAGE" >/dev/null
}

file_is_static() {
  # no `file` package needed: a static binary has no PT_INTERP (ldd says so)
  ! ldd "$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------- env
write_env() {
  local tmp=$ENV_FILE.tmp
  {
    echo "# written by .ci/services.sh start; source it"
    echo "export EPHEMERY_IT_DOCKER_SOCKET=$DOCKER_SOCK"
    echo "export EPHEMERY_IT_SSH_HOST=127.0.0.1"
    echo "export EPHEMERY_IT_SSH_PORT=$SSH_PORT"
    echo "export EPHEMERY_IT_SSH_USER=root"
    echo "export EPHEMERY_IT_SSH_KEY=$SSH_DIR/id_ed25519"
    echo "export EPHEMERY_IT_SSH_KNOWN_HOSTS=$SSH_DIR/known_hosts"
    echo "export EPHEMERY_IT_PROMTOOL=$(command -v promtool)"
    echo "export EPHEMERY_IT_PROMETHEUS=$(command -v prometheus)"
    echo "export EPHEMERY_IT_CHROMIUM=$(command -v chromium)"
    echo "export EPHEMERY_IT_ETHEREUMJS=$CACHE/npm/node_modules/.bin/ethereumjs"
    echo "export EPHEMERY_IT_STANDIN_IMAGE=$STANDIN_IMAGE"
    echo "export EPHEMERY_IT_COMPOSE=$(command -v docker-compose)"
  } >"$tmp"
  mv "$tmp" "$ENV_FILE"
}

# ---------------------------------------------------------------- stop
stop_pid() { # pid name
  local pid=$1 name=$2 i
  pid_is "$pid" "$name" || return 0
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  # dockerd stops its containers (10 s grace each, in parallel) and its containerd
  for ((i = 0; i < 40; i++)); do
    pid_is "$pid" "$name" || return 0
    sleep 1
  done
  log "$name (pid $pid) did not stop in 40s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

cmd_stop() {
  local sshd dockerd=""
  sshd=$(read_pid "$SSHD_PID")
  stop_pid "$sshd" sshd
  rm -f "$SSHD_PID"
  if [[ -f $DOCKERD_OURS ]]; then
    dockerd=$(read_pid "$DOCKERD_PID")
    stop_pid "$dockerd" dockerd
    rm -f "$DOCKERD_OURS"
  else
    log "dockerd was not started by this script; leaving it alone"
  fi
  # What `start` launched must be gone now, and nothing may still hold the lock.
  pid_is "$sshd" sshd && die "sshd (pid $sshd) still runs after stop"
  [[ -n $dockerd ]] && pid_is "$dockerd" dockerd && die "dockerd (pid $dockerd) still runs after stop"
  lock_holders
}

# Processes other than this script that hold $STATE/lock open: a daemon that inherited it would
# make every later start/stop wait for the lock's timeout.
lock_holders() {
  local fd holders=()
  for fd in /proc/[0-9]*/fd/*; do
    [[ $(readlink "$fd" 2>/dev/null) == "$STATE/lock" ]] || continue
    fd=${fd#/proc/}
    [[ ${fd%%/*} == "$$" ]] || holders+=("${fd%%/*}")
  done
  ((${#holders[@]} == 0)) || die "still holding $STATE/lock: pid ${holders[*]}"
}

# The daemon going away under a running `up` or reset, as a crash or an upgrade of Docker would:
# stopped by PID (its containers stop with it; those with a restart policy come back with it) and
# started again the way `start` starts it. Only a dockerd this script started.
cmd_restart_dockerd() {
  [[ -f $DOCKERD_OURS ]] || die "dockerd was not started by this script; not restarting it"
  local pid
  pid=$(read_pid "$DOCKERD_PID")
  stop_pid "$pid" dockerd
  pid_is "$pid" dockerd && die "dockerd (pid $pid) still runs"
  rm -f "$DOCKERD_OURS" "$DOCKERD_PID"
  start_dockerd
}

cmd_start() {
  [[ $(id -u) == 0 ]] || die "must run as root"
  mkdir -p "$STATE" "$CACHE"
  install_packages
  start_dockerd
  start_sshd
  build_standin_image
  write_env
  log "ready; env file: $ENV_FILE"
}

# Serialize start/stop: several sessions (worktrees) on one machine share the
# state dir, the docker socket and the ssh port.
lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  # 300 s: another session's start may be installing packages; nothing we start holds the lock.
  flock -w 300 9 || die "could not lock $STATE/lock within 300s"
}

case ${1:-} in
  start) lock; cmd_start ;;
  stop) lock; cmd_stop ;;
  restart-dockerd) lock; cmd_restart_dockerd ;;
  env) [[ -f $ENV_FILE ]] || die "no $ENV_FILE; run '$0 start' first"; cat "$ENV_FILE" ;;
  envfile) echo "$ENV_FILE" ;;
  status)
    docker_answers && echo "docker: answers" || echo "docker: down"
    ssh_probe && echo "sshd: answers on $SSH_PORT" || echo "sshd: down" ;;
  *) echo "usage: $0 start|stop|restart-dockerd|env|envfile|status" >&2; exit 2 ;;
esac
