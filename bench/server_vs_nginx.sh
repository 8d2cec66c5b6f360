#!/usr/bin/env bash
# arena-server's read path against nginx serving the same bytes, in the same run on the same
# machine (these machines are noisy: only the ratio means something).
#
#   bench/server_vs_nginx.sh            # needs a build (./arena build); installs wrk and nginx-light
#
# wrk with 64 keep-alive connections drives GET /api/problems and GET /api/problems/sum-of-two
# on arena-server (SQLite, no judges, rate limits off) and the very same response bodies as
# static files on nginx; prints requests per second and p99 latency of each, and the ratios.
# It also prints the CPU time each server spent per request (user+system, from /proc): unlike
# requests per second, that figure barely moves when other work shares the machine.
# Environment: BENCH_DURATION (10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2), ARENA_BUILD_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="${ARENA_BUILD_DIR:-$ROOT/build}/bin/arena-server"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
ARENA_PORT=18931
NGINX_PORT=18932

[[ -x "$SERVER" ]] || { echo "no $SERVER: run ./arena build first" >&2; exit 1; }
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
  as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 wrk nginx-light >/dev/null
fi

WORK="$(mktemp -d)"
chmod 0711 "$WORK"
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ARENA_DATA_DIR="$WORK/data" ARENA_HTTP_PORT=$ARENA_PORT ARENA_BIND=127.0.0.1 ARENA_JUDGES=0 \
  ARENA_LOG_REQUESTS=false ARENA_RATE_LIMIT=0 "$SERVER" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$WORK/server.out" 2>/dev/null && break
  sleep 0.1
done
grep -q "listening on" "$WORK/server.out" || { cat "$WORK/server.err" >&2; exit 1; }

# nginx serves exactly the bytes arena-server answers, with the same content type.
mkdir -p "$WORK/www"
curl -sf "http://127.0.0.1:$ARENA_PORT/api/problems" >"$WORK/www/list.json"
curl -sf "http://127.0.0.1:$ARENA_PORT/api/problems/sum-of-two" >"$WORK/www/problem.json"
cat >"$WORK/nginx.conf" <<CONF
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx.err;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    default_type application/json;
    location = /api/problems { alias $WORK/www/list.json; }
    location = /api/problems/sum-of-two { alias $WORK/www/problem.json; }
  }
}
CONF
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf"

# CPU clock ticks (user+system) used so far by the given processes.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}

# measure URL PID... -> "requests_per_second p99_ms cpu_us_per_request" (CPU of the PIDs)
measure() {
  local out rps p99 before after requests url="$1"
  shift
  before="$(cpu_ticks "$@")"
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")"
  after="$(cpu_ticks "$@")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v*=1000}; print v}' <<<"$out")"
  if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $url:" >&2; echo "$out" >&2; exit 1; fi
  requests="$(awk '/ requests in / {print $1}' <<<"$out")"
  echo "$rps $p99 $(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}')"
}

NGINX_PIDS="$(pgrep -P "$(cat "$WORK/nginx.pid")" | tr '\n' ' ')"  # the workers

printf '%-28s %12s %10s %12s %10s %8s %8s %16s\n' route "arena req/s" "p99 ms" "nginx req/s" \
  "p99 ms" ratio "p99<5ms" "cpu us/req a/n"
for path in /api/problems /api/problems/sum-of-two; do
  # shellcheck disable=SC2086 # NGINX_PIDS is a list
  measure "http://127.0.0.1:$NGINX_PORT$path" $NGINX_PIDS >/dev/null  # warm both up
  measure "http://127.0.0.1:$ARENA_PORT$path" "$SERVER_PID" >/dev/null
  # shellcheck disable=SC2086
  read -r nginx_rps nginx_p99 nginx_cpu < <(measure "http://127.0.0.1:$NGINX_PORT$path" $NGINX_PIDS)
  read -r arena_rps arena_p99 arena_cpu < <(measure "http://127.0.0.1:$ARENA_PORT$path" "$SERVER_PID")
  ratio="$(awk -v a="$arena_rps" -v n="$nginx_rps" 'BEGIN {printf "%.2fx", a / n}')"
  ok="$(awk -v p="$arena_p99" 'BEGIN {print (p < 5 ? "yes" : "no")}')"
  printf '%-28s %12.0f %10.2f %12.0f %10.2f %8s %8s %16s\n' "$path" "$arena_rps" "$arena_p99" \
    "$nginx_rps" "$nginx_p99" "$ratio" "$ok" "$arena_cpu/$nginx_cpu"
done
echo "(wrk -t$THREADS -c$CONNECTIONS -d$DURATION; target: at least 0.75x nginx's requests/s, p99 under 5 ms;"
echo " load average now: $(cut -d' ' -f1-3 /proc/loadavg) — on a busy machine only same-run ratios mean anything)"
