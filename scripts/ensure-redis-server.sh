#!/usr/bin/env bash
# The shared rate-limit tests start real redis-server processes on ports of their own; this makes sure the binary
# exists. On a Debian machine where we are root (CI, a fresh dev box) it installs Debian's package; elsewhere it says
# how to, and fails, rather than letting those tests fail later with a less clear message.
set -euo pipefail
command -v redis-server >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is not on the PATH: installing Debian's redis-server package (needed by the shared rate-limit tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq redis-server >/dev/null
  # Debian's package starts a system service on 6379; the tests use their own servers, so it is not needed.
  (service redis-server stop || true) >/dev/null 2>&1
  command -v redis-server >/dev/null 2>&1 && exit 0
fi
echo "redis-server is needed by the shared rate-limit tests: install it (apt-get install redis-server, brew install redis)" >&2
exit 1
