#!/bin/sh
# The image's entrypoint, as the real images have it: geth's runs `geth ARGS`, lighthouse's runs its
# command as given (`lighthouse bn ...`).
case "$STANDIN_CLIENT" in
  geth) exec geth "$@" ;;
  *) exec "$@" ;;
esac
