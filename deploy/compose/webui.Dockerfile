# syntax=docker/dockerfile:1
# The web UI and the TLS edge in one image: Debian's nginx with deploy/nginx/codearena.conf,
# serving the built web UI's hashed assets from disk and proxying everything else to the
# arena-server replicas (build context: the repository root):
#   docker build -f deploy/compose/webui.Dockerfile -t codearena/webui:0.1.0 .
# It runs as www-data, never root: ports 8080/8443 inside (compose publishes 80/443), a
# read-only filesystem but for nginx's temporary directories.

FROM node:20-bookworm-slim AS build
WORKDIR /src/webui
COPY webui/package.json webui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY webui/ ./
RUN npm run build

FROM debian:12-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx-light \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default
# The upstream is the compose service (several replicas behind one name), the TLS files are
# mounted at the same paths as on a lab server.
ARG UPSTREAM=server:8080
COPY deploy/nginx/codearena.conf /etc/nginx/sites-enabled/codearena
RUN sed -i -e "s|server 127.0.0.1:8080 |server ${UPSTREAM} |" \
           -e 's|listen 80;|listen 8080;|' -e 's|listen \[::\]:80;|listen [::]:8080;|' \
           -e 's|listen 443 ssl http2;|listen 8443 ssl http2;|' \
           -e 's|listen \[::\]:443 ssl http2;|listen [::]:8443 ssl http2;|' \
           /etc/nginx/sites-enabled/codearena \
 && sed -i -e 's|^user www-data;||' -e 's|^pid /run/nginx.pid;|pid /run/nginx/nginx.pid;|' \
           /etc/nginx/nginx.conf \
 && ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log \
 && mkdir -p /run/nginx && chown -R www-data:www-data /run/nginx /var/lib/nginx /var/log/nginx
COPY --from=build /src/webui/dist /usr/share/codearena/webui
USER www-data
EXPOSE 8080 8443
HEALTHCHECK --interval=10s --timeout=3s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8443"]
CMD ["nginx", "-g", "daemon off;"]
