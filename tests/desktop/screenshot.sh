#!/usr/bin/env bash
# Screenshot of the desktop's problem view: starts a seeded arena-server (the sample problems
# load at first start) on a free loopback port, then arena-desktop under xvfb-run logged in as
# the admin, with "sum-of-two" open, a solution in the editor and its samples run locally, and
# saves the window to tests/screenshots/desktop-problem.png.
#
#   tests/desktop/screenshot.sh [BUILD_DIR]      (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
out="$root/tests/screenshots/desktop-problem.png"
server_bin="${ARENA_SERVER_BINARY:-$build/bin/arena-server}"
mkdir -p "$(dirname "$out")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
ARENA_HTTP_PORT="$port" ARENA_BIND=127.0.0.1 ARENA_DATA_DIR="$work/server" ARENA_JUDGES=1 \
  ARENA_SANDBOX_UID="${ARENA_SANDBOX_UID:-305000}" \
  "$server_bin" >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q "listening on" "$work/server.out" 2>/dev/null && break
  sleep 0.1
done
grep -q "listening on" "$work/server.out" || { echo "arena-server did not start:"; cat "$work/server.log"; exit 1; }
password="$(sed -n 's/.*admin password: //p' "$work/server.out" | head -n1)"

cat >"$work/solution.cpp" <<'CPP'
#include <cstdio>

// Sum of Two: read t pairs, print each sum.
int main() {
    int t = 0;
    if (std::scanf("%d", &t) != 1) return 1;
    while (t--) {
        long long a = 0, b = 0;
        std::scanf("%lld %lld", &a, &b);
        std::printf("%lld\n", a + b);
    }
    return 0;
}
CPP

ARENA_DESKTOP_NO_KEYCHAIN=1 xvfb-run -a -s "-screen 0 1280x800x24" \
  "$build/bin/arena-desktop" --server "http://127.0.0.1:$port" --data-dir "$work/desktop" \
  --user admin --password "$password" --open sum-of-two --language cpp20 \
  --code-file "$work/solution.cpp" --sandbox-uid "${ARENA_DESKTOP_SANDBOX_UID:-306000}" \
  --screenshot "$out"
echo "saved $out"
