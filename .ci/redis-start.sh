#!/usr/bin/env bash
# Provides redis-server for the shared rate-limit tests, then starts one daemonized on 127.0.0.1 for whatever wants
# REDIS_URL. The tests themselves spawn their own redis-server on free ports; they need the binary on the PATH.
# Sourced by .ci/run (exports REDIS_URL) or run on its own (prints it). Port: CARDGW_REDIS_PORT, default 6390.

cardgw_redis_port="${CARDGW_REDIS_PORT:-6390}"

cardgw_redis_install() {
  command -v redis-server >/dev/null 2>&1 && return 0
  echo "redis-server is not on the PATH: installing Debian's redis-server package" >&2
  local sudo=''
  if [ "$(id -u)" -ne 0 ]; then sudo='sudo'; fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null || return 1
  command -v redis-server >/dev/null 2>&1
}

cardgw_redis_ping() {
  redis-cli -h 127.0.0.1 -p "$cardgw_redis_port" ping 2>/dev/null | grep -q PONG
}

cardgw_redis_start() {
  # Already running (an earlier run on this machine): reuse it.
  cardgw_redis_ping && return 0
  redis-server --port "$cardgw_redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "/tmp/cardgw-redis-$cardgw_redis_port.pid" --logfile "/tmp/cardgw-redis-$cardgw_redis_port.log" ||
    return 1
  for _ in $(seq 1 50); do
    cardgw_redis_ping && return 0
    sleep 0.1
  done
  echo "redis-server did not answer on 127.0.0.1:$cardgw_redis_port (log: /tmp/cardgw-redis-$cardgw_redis_port.log)" >&2
  return 1
}

if cardgw_redis_install && cardgw_redis_start; then
  export REDIS_URL="redis://127.0.0.1:$cardgw_redis_port"
  echo "REDIS_URL=$REDIS_URL"
else
  echo "Could not provide redis-server: the shared rate-limit tests need it (apt-get install redis-server)." >&2
  # `return` when sourced by .ci/run (whose set -e then stops), `exit` when run on its own.
  return 1 2>/dev/null || exit 1
fi
