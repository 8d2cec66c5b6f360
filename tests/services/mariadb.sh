#!/usr/bin/env bash
# A private MariaDB server for the storage tests: never the system service, never port 3306.
#
#   tests/services/mariadb.sh start   start it (idempotent); prints the URL for ARENA_TEST_MYSQL_URL
#   tests/services/mariadb.sh url     print the URL of the running server (fails when not running)
#   tests/services/mariadb.sh stop    shut it down cleanly (safe when not running)
#
# Environment: ARENA_SERVICES_DIR (default /tmp/arena-services), ARENA_MARIADB_PORT (default
# 33306; the next free port is taken when that one is busy).
#
# The data directory lives under $ARENA_SERVICES_DIR/mariadb and is thrown away by `stop`: test
# data is disposable and a fresh server starts in well under a second. The test user `arena` may
# create and drop databases named arena_test*, so each test fixture gets its own database.
set -euo pipefail

BASE="${ARENA_SERVICES_DIR:-/tmp/arena-services}/mariadb"
DATA="$BASE/data"
SOCK="$BASE/sock"
PID_FILE="$BASE/mariadbd.pid"
PORT_FILE="$BASE/port"
LOG="$BASE/mariadbd.log"
USER_NAME=arena
PASSWORD="arena-test-pw"
DATABASE=arena_test

log() { printf '[mariadb] %s\n' "$*" >&2; }

running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

client() { mariadb --no-defaults --socket="$SOCK" --user=root "$@"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

print_url() {
  printf 'mysql://%s:%s@127.0.0.1:%s/%s\n' "$USER_NAME" "$PASSWORD" "$(cat "$PORT_FILE")" "$DATABASE"
}

cmd_start() {
  if running; then
    print_url
    return 0
  fi
  for tool in mariadbd mariadb-install-db mariadb mariadb-admin; do
    command -v "$tool" >/dev/null 2>&1 || [[ -x "/usr/sbin/$tool" ]] ||
      { log "$tool is missing: apt-get install mariadb-server"; exit 1; }
  done
  local port="${ARENA_MARIADB_PORT:-33306}"
  while port_busy "$port"; do port=$((port + 1)); done

  rm -rf "$BASE"
  mkdir -p "$DATA"
  # The server runs as whoever runs this script (root on CI machines); that same OS user may log
  # in as the server's root through the socket, and nobody else may.
  local me
  me="$(id -un)"
  mariadb-install-db --no-defaults --datadir="$DATA" --user="$me" --auth-root-authentication-method=socket \
    --auth-root-socket-user="$me" --skip-test-db >"$BASE/install.log" 2>&1 ||
    { cat "$BASE/install.log" >&2; exit 1; }
  local mariadbd
  mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  # setsid: the server must outlive the shell that started it and not get its terminal signals.
  setsid "$mariadbd" --no-defaults --datadir="$DATA" --socket="$SOCK" --port="$port" \
    --bind-address=127.0.0.1 --user="$me" --pid-file="$PID_FILE" --log-error="$LOG" \
    --skip-log-bin --innodb-buffer-pool-size=64M --max-connections=300 \
    --max-allowed-packet=64M </dev/null >/dev/null 2>&1 &
  echo "$port" >"$PORT_FILE"

  local tries=0
  until mariadb-admin --no-defaults --socket="$SOCK" --user=root ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if ((tries > 100)); then
      log "mariadbd did not answer within 20 s; its log:"
      cat "$LOG" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
  client <<SQL
CREATE DATABASE IF NOT EXISTS \`$DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS '$USER_NAME'@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
CREATE USER IF NOT EXISTS '$USER_NAME'@'localhost' IDENTIFIED BY '$PASSWORD';
GRANT ALL PRIVILEGES ON \`arena\\_test%\`.* TO '$USER_NAME'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`arena\\_test%\`.* TO '$USER_NAME'@'localhost';
FLUSH PRIVILEGES;
SQL
  log "started on 127.0.0.1:$port (data in $DATA)"
  print_url
}

cmd_url() {
  running || { log "not running (tests/services/mariadb.sh start)"; exit 1; }
  print_url
}

cmd_stop() {
  if ! running; then
    rm -rf "$BASE"
    return 0
  fi
  local pid
  pid="$(cat "$PID_FILE")"
  mariadb-admin --no-defaults --socket="$SOCK" --user=root shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  local tries=0
  while kill -0 "$pid" 2>/dev/null; do
    tries=$((tries + 1))
    if ((tries > 150)); then kill -9 "$pid" 2>/dev/null || true; break; fi
    sleep 0.2
  done
  rm -rf "$BASE"
  log "stopped"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  url) cmd_url ;;
  *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
