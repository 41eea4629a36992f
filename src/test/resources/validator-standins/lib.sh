# Shared by the validator client stand-ins (ValidatorKeysIT): the checks every client makes
# before it touches keys. Never prints a password: only file names, modes and counts.

fail() { echo "$STANDIN: $*" >&2; exit 2; }
log() { echo "$STANDIN: $*"; }

# flag NAME ARGS...: the value of NAME (NAME=value or NAME value); status 1 when absent.
flag() {
  n=$1; shift
  while [ $# -gt 0 ]; do
    case "$1" in "$n") echo "$2"; return 0 ;; "$n"=*) echo "${1#*=}"; return 0 ;; esac
    shift
  done
  return 1
}

# has NAME ARGS...: a bare switch is given.
has() { n=$1; shift; for a; do [ "$a" = "$n" ] && return 0; done; return 1; }

# only_flags "LIST" ARGS...: the client's argument parser refuses an option it does not know.
only_flags() {
  list=" $1 "; shift
  for a; do
    case "$a" in
      --*) f=${a%%=*}; case "$list" in *" $f "*) ;; *) fail "unexpected argument '$f'" ;; esac ;;
    esac
  done
}

# secret FILE: a password file that exists, this user can read, other users cannot, not empty.
secret() {
  [ -n "$1" ] || fail "no password file given"
  [ -f "$1" ] || fail "password file $1 does not exist"
  [ -r "$1" ] || fail "password file $1 is not readable by uid $(id -u)"
  m=$(stat -L -c %a "$1")
  case "$m" in *[4567]) fail "password file $1 is readable by others (mode $m)" ;; esac
  [ -s "$1" ] || fail "password file $1 is empty"
}

# keystore FILE: prints the pubkey of an EIP-2335 keystore; fails on anything else.
keystore() {
  [ -r "$1" ] || fail "keystore $1 is not readable by uid $(id -u)"
  grep -q '"version": *4' "$1" || fail "$1 is not an EIP-2335 keystore (no \"version\": 4)"
  grep -q '"crypto"' "$1" || fail "$1 is not an EIP-2335 keystore (no crypto)"
  _pk=$(sed -n 's/.*"pubkey": *"\([0-9a-f]\{96\}\)".*/\1/p' "$1")
  [ -n "$_pk" ] || fail "$1 has no 48-byte pubkey"
  echo "$_pk"
}

is_keystore() { grep -q '"version": *4' "$1" && grep -q '"crypto"' "$1"; }

writable() { [ -d "$1" ] && [ -w "$1" ] || fail "data dir $1 is not writable by uid $(id -u)"; }

fee_recipient() {
  echo "$1" | grep -Eq '^0x[0-9a-fA-F]{40}$' || fail "no valid fee recipient"
}

# mode600 FILE: what the client's own sensitive-file check demands.
mode600() { [ "$(stat -c %a "$1")" = 600 ] || fail "$1 has mode $(stat -c %a "$1"), not 600"; }

# running: a started client idles until stopped.
running() { trap 'exit 0' TERM INT; sleep 3600 & wait; }
