#!/usr/bin/env bash
# Builds the image of a stand-in remote host for the 'hosts prepare' tests: a rootfs assembled
# from this machine's installed packages' own files (OpenSSH's sshd with the libraries ldd names,
# busybox-static for the shell and tools) plus the stand-ins in this folder, imported with
# `docker import`. Nothing is downloaded and nothing outside the temporary rootfs is changed.
#
# usage: build-image.sh DOCKER_SOCKET IMAGE_TAG AUTHORIZED_PUBLIC_KEY HOST_KEY_PUB_OUT
set -euo pipefail
sock=$1 tag=$2 authorized=$3 hostkey_out=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

sshd=/usr/sbin/sshd
busybox=/bin/busybox
[[ -x $busybox ]] || busybox=$(command -v busybox)

copy() { # copies a file with its path, following a symlink to the file it names
  local src=$1
  mkdir -p "$root$(dirname "$src")"
  cp -L "$src" "$root$src"
}

# sshd, and the helpers OpenSSH 9.8 and later re-executes (absent before)
for bin in "$sshd" /usr/lib/openssh/sshd-session /usr/lib/openssh/sshd-auth; do
  [[ -e $bin ]] || continue
  copy "$bin"
  # the loader and every library it links, at the paths ldd resolves them to
  for lib in $(ldd "$bin" | grep -o '/[^ ]*'); do copy "$lib"; done
done

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/local/bin,usr/local/sbin,etc/ssh,root/.ssh,run/sshd,var/empty,tmp,proc,sys,dev,opt/standin,var/lib/standin,var/log,data}
chmod 1777 "$root/tmp"
chmod 700 "$root/root/.ssh"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list-full); do
  [[ -e $root/$applet || -L $root/$applet ]] || ln -s /bin/busybox "$root/$applet"
done

cat >"$root/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
ops:x:1000:1000:ops:/home/ops:/bin/sh
sshd:x:100:65534::/run/sshd:/bin/false
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat >"$root/etc/group" <<'G'
root:x:0:
ops:x:1000:
nogroup:x:65534:
G
printf 'root:*:19000:0:99999:7:::\nops:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
chmod 600 "$root/etc/shadow"
printf 'passwd: files\ngroup: files\nshadow: files\n' >"$root/etc/nsswitch.conf"
cat >"$root/etc/os-release" <<'O'
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
ID=debian
O
cat >"$root/etc/ssh/sshd_config" <<'S'
Port 22
ListenAddress 0.0.0.0
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
AuthorizedKeysFile .ssh/authorized_keys
PidFile /run/sshd.pid
StrictModes no
SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
S
ssh-keygen -q -t ed25519 -N '' -C stand-in-host -f "$root/etc/ssh/ssh_host_ed25519_key"
cp "$root/etc/ssh/ssh_host_ed25519_key.pub" "$hostkey_out"
cp "$authorized" "$root/root/.ssh/authorized_keys"
# ops: a user without sudo, outside the docker group (StrictModes is off: the rootfs is root's)
mkdir -p "$root/home/ops/.ssh"
cp "$authorized" "$root/home/ops/.ssh/authorized_keys"
chmod 755 "$root/home/ops" "$root/home/ops/.ssh"
chmod 644 "$root/home/ops/.ssh/authorized_keys"
# the stand-ins: a docker CLI, a package manager, systemctl, timedatectl and ufw (see README.md)
for f in docker apt-get systemctl timedatectl ufw entrypoint; do
  install -m 755 "$here/$f" "$root/opt/standin/$f"
done
for f in apt-get systemctl timedatectl ufw; do ln -s /opt/standin/$f "$root/usr/local/sbin/$f"; done
ln -s /opt/standin/docker "$root/usr/bin/docker"

tar -C "$root" --numeric-owner --owner=0 --group=0 -c . |
  docker -H "unix://$sock" import -c 'ENTRYPOINT ["/opt/standin/entrypoint"]' - "$tag" >/dev/null
