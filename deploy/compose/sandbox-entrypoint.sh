#!/bin/bash
# Entry point of the server and judge containers: make the container's own cgroup writable
# for the sandbox, then run the program (PID 1 stays the program: exec).
#
# Docker and Kubernetes mount /sys/fs/cgroup read-only in an unprivileged container. With
# CAP_SYS_ADMIN (which the sandbox needs anyway) and a private cgroup namespace, remounting it
# read-write exposes only this container's own subtree: the sandbox then creates one cgroup
# per box below it for exact CPU time, peak memory and OOM accounting. Where that is not
# allowed the sandbox falls back to rlimits and says so at start-up.
#
# Box uids are host uids, shared by every container on the host: without ARENA_SANDBOX_UID,
# each container takes its own range of 1000 from its hostname (1,000,000 + 1000 * (hash mod
# 9000)), so replicas started from one definition do not share one.
#
# `sandbox-entrypoint --probe-redis`: the judge's health check, true while the Redis of
# ARENA_REDIS_URL accepts TCP connections.
set -euo pipefail

if [[ "${1:-}" == "--probe-redis" ]]; then
  url="${ARENA_REDIS_URL:?ARENA_REDIS_URL is not set}"
  hostport="${url#redis://}"
  hostport="${hostport##*@}"
  hostport="${hostport%%/*}"
  host="${hostport%%:*}"
  port="${hostport##*:}"
  [[ "$port" == "$host" ]] && port=6379
  exec 3<>"/dev/tcp/${host}/${port}"
  exit 0
fi

if [[ ! -w /sys/fs/cgroup ]] && grep -q ' /sys/fs/cgroup cgroup2 ' /proc/self/mounts; then
  mount -o remount,rw /sys/fs/cgroup 2>/dev/null ||
    echo "sandbox-entrypoint: /sys/fs/cgroup stays read-only; boxes get rlimits only" >&2
fi
if [[ -z "${ARENA_SANDBOX_UID:-}" ]]; then
  hash=$(cksum < /proc/sys/kernel/hostname | cut -d" " -f1)
  export ARENA_SANDBOX_UID=$((1000000 + 1000 * (hash % 9000)))
fi
exec "$@"
