# syntax=docker/dockerfile:1
# The CodeArena server and judge images, from one build (build context: the repository root):
#   docker build -f deploy/compose/arena.Dockerfile --target server -t codearena/server:0.1.0 .
#   docker build -f deploy/compose/arena.Dockerfile --target judge  -t codearena/judge:0.1.0 .
# Both install the codearena-server .deb made by CPack in the build stage, so an image holds
# exactly what a proctor's machine gets, with the same declared dependencies and paths.
#
# Both run as root inside the container: the sandbox gives every box its own unused uid and
# needs CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID and CAP_DAC_OVERRIDE for it (see compose.yaml
# and deploy/systemd/arena-server.service for why each). The server judges too: playground runs
# (POST /api/submissions with stdin) execute in the server's own sandbox.

ARG DEBIAN_IMAGE=debian:12-slim

# --- the web UI (served by the server at /) ------------------------------------------------
FROM node:20-bookworm-slim AS webui
WORKDIR /src/webui
COPY webui/package.json webui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY webui/ ./
RUN npm run build

# --- the programs and the package ----------------------------------------------------------
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config dpkg-dev file musl-tools \
      nlohmann-json3-dev libseccomp-dev libpoco-dev libsodium-dev libssl-dev libsqlite3-dev \
      libyaml-cpp-dev libzip-dev libmysqlcppconn-dev libhiredis-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
COPY --from=webui /src/webui/dist webui/dist
# /usr prefix: the programs look for /etc/codearena and /usr/share/codearena when installed.
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
      -DARENA_BUILD_TESTS=OFF \
 && cmake --build /build --target arena-server arena-judge arena-admin arena-sandbox arena-executor \
      arena-checker \
 && cd /build && cpack -G DEB -B /packages

# --- what both images share: the installed package -----------------------------------------
FROM ${DEBIAN_IMAGE} AS runtime
COPY --from=build /packages/codearena-server_*.deb /tmp/
# The package's Depends and Recommends: shared libraries and every language's toolchain.
RUN apt-get update \
 && apt-get install -y /tmp/codearena-server_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/*.deb
COPY deploy/compose/sandbox-entrypoint.sh /usr/local/bin/sandbox-entrypoint
ENV ARENA_LANGUAGES=/etc/codearena/languages.json \
    ARENA_DATA_DIR=/var/lib/codearena
ENTRYPOINT ["/usr/local/bin/sandbox-entrypoint"]

FROM runtime AS server
EXPOSE 8080
# /healthz without curl in the image: bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
CMD ["/usr/bin/arena-server", "--config", "/etc/codearena/server.properties"]

FROM runtime AS judge
ENV ARENA_DATA_DIR=/var/lib/codearena/judge
# arena-judge has no HTTP port: healthy while its queue (Redis) is reachable.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD ["/usr/local/bin/sandbox-entrypoint", "--probe-redis"]
CMD ["/usr/bin/arena-judge"]
