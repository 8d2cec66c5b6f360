#!/usr/bin/env bash
# A private Redis server for the scale-out tests: never the system service, never port 6379.
#
#   tests/services/redis.sh start   start it (idempotent); prints the URL for ARENA_TEST_REDIS_URL
#   tests/services/redis.sh url     print the URL of the running server (fails when not running)
#   tests/services/redis.sh stop    shut it down (safe when not running)
#
# Environment: ARENA_SERVICES_DIR (default /tmp/arena-services), ARENA_REDIS_PORT (default
# 36379; the next free port is taken when that one is busy).
#
# Loopback only, no persistence (test data is disposable), a generated password so that nothing
# else on the machine can use it by accident.
set -euo pipefail

BASE="${ARENA_SERVICES_DIR:-/tmp/arena-services}/redis"
PID_FILE="$BASE/redis.pid"
PORT_FILE="$BASE/port"
PASSWORD_FILE="$BASE/password"
LOG="$BASE/redis.log"

log() { printf '[redis] %s\n' "$*" >&2; }

running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_url() {
  printf 'redis://:%s@127.0.0.1:%s/0\n' "$(cat "$PASSWORD_FILE")" "$(cat "$PORT_FILE")"
}

cmd_start() {
  if running; then
    print_url
    return 0
  fi
  command -v redis-server >/dev/null || { log "redis-server is not installed"; exit 1; }
  mkdir -p "$BASE"
  local port="${ARENA_REDIS_PORT:-36379}"
  while port_busy "$port"; do port=$((port + 1)); done
  echo "$port" >"$PORT_FILE"
  head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PASSWORD_FILE"
  # The password goes in through stdin (a config file on "-"), so it never shows in `ps`.
  {
    echo "port $port"
    echo "bind 127.0.0.1"
    echo "protected-mode yes"
    echo "daemonize yes"
    echo "pidfile $PID_FILE"
    echo "logfile $LOG"
    echo "dir $BASE"
    echo "save \"\""
    echo "appendonly no"
    echo "requirepass $(cat "$PASSWORD_FILE")"
  } | redis-server - >&2  # its start-up chatter must not mix with the URL on stdout
  local tries=0
  until redis-cli -p "$port" -a "$(cat "$PASSWORD_FILE")" --no-auth-warning ping 2>/dev/null | grep -q PONG; do
    tries=$((tries + 1))
    if ((tries > 100)); then
      log "did not answer within 10 s; log: $LOG"
      exit 1
    fi
    sleep 0.1
  done
  log "ready on 127.0.0.1:$port"
  print_url
}

cmd_stop() {
  if running; then
    kill "$(cat "$PID_FILE")"
    local tries=0
    while running && ((tries < 100)); do
      sleep 0.1
      tries=$((tries + 1))
    done
  fi
  rm -rf "$BASE"
}

case "${1:-}" in
  start) cmd_start ;;
  url) running && print_url ;;
  stop) cmd_stop ;;
  *)
    echo "usage: $0 start|url|stop" >&2
    exit 2
    ;;
esac
