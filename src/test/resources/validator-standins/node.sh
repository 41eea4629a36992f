#!/bin/sh
# The lodestar image's entrypoint is `node ./packages/cli/bin/lodestar`: run the stand-in script.
[ "$1" = ./packages/cli/bin/lodestar ] || { echo "node stand-in: unexpected script $1" >&2; exit 2; }
shift
exec /usr/app/packages/cli/bin/lodestar "$@"
