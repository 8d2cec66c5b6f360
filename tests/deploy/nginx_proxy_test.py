#!/usr/bin/env python3
"""deploy/nginx/codearena.conf in front of a real arena-server.

  1. The shipped site is placed in a copy of Debian's /etc/nginx/nginx.conf (as a proctor
     would enable it), with only these changed for the test: the upstream port, the listen
     addresses, the certificate paths (a self-signed certificate made here) and nginx's
     pid/log/temp paths. `nginx -t` must accept it.
  2. nginx and the build's arena-server (trusting 127.0.0.1's X-Forwarded-For) are started, and
     through nginx:
     - plain HTTP redirects to HTTPS;
     - /healthz and /api/problems answer with every security header exactly once (nginx owns
       them; the server's copies are hidden), HSTS included; JSON is gzipped on request;
     - /metrics is not exposed;
     - a WebSocket upgrade of /api/ws with a valid token answers 101 and the server's hello
       frame comes through; without a token it is refused (401, no upgrade);
     - a burst beyond limit_req on /api/ gets 429 in the API's error shape, with the headers.

Exits 77 (skipped) with the reason when nginx or openssl is missing.
"""

import argparse
import base64
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arena_client  # noqa: E402

SKIP = 77
HOST = "codearena.example.org"
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'",
    "Permissions-Policy": "camera=()",
}


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def replace_once(text, old, new, what):
    """The test's edits must each hit exactly one place, or the shipped file changed shape."""
    count = text.count(old)
    if count != 1:
        fail(f"expected exactly one {old!r} in {what}, found {count}: update this test with it")
    return text.replace(old, new)


def site_for_test(source_dir, tmp, server_port, https_port, http_port):
    with open(os.path.join(source_dir, "deploy", "nginx", "codearena.conf")) as f:
        site = f.read()
    what = "deploy/nginx/codearena.conf"
    site = replace_once(site, "server 127.0.0.1:8080 ", f"server 127.0.0.1:{server_port} ", what)
    site = replace_once(site, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", what)
    site = replace_once(site, "listen 80;", f"listen 127.0.0.1:{http_port};", what)
    site = replace_once(site, "listen [::]:443 ssl http2;\n", "", what)
    site = replace_once(site, "listen [::]:80;\n", "", what)
    site = replace_once(site, "/etc/codearena/tls/fullchain.pem", f"{tmp}/cert.pem", what)
    site = replace_once(site, "/etc/codearena/tls/privkey.pem", f"{tmp}/key.pem", what)
    path = os.path.join(tmp, "codearena.conf")
    with open(path, "w") as f:
        f.write(site)
    return path


def main_config(tmp, site_path):
    """Debian's nginx.conf with the site where sites-enabled/* would be, and private paths."""
    debian = "/etc/nginx/nginx.conf"
    temp_paths = "".join(f"    {d}_temp_path {tmp}/{d};\n"
                         for d in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    if os.path.exists(debian):
        with open(debian) as f:
            conf = f.read()
        conf = re.sub(r"^\s*pid\s+[^;]+;", f"pid {tmp}/nginx.pid;", conf, flags=re.M)
        conf = re.sub(r"^\s*error_log\s+[^;]+;", f"error_log {tmp}/error.log;", conf, flags=re.M)
        conf = re.sub(r"^\s*access_log\s+[^;]+;", f"access_log {tmp}/access.log;", conf, flags=re.M)
        # Other sites and local snippets on this machine are not what is tested.
        conf = re.sub(r"^\s*include\s+/etc/nginx/conf\.d/\*\.conf;", "", conf, flags=re.M)
        conf = replace_once(conf, "include /etc/nginx/sites-enabled/*;",
                            f"include {site_path};\n{temp_paths}", debian)
        print(f"using {debian} with the site in place of sites-enabled/*")
    else:
        conf = (f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
                f"http {{\n    access_log {tmp}/access.log;\n{temp_paths}    include {site_path};\n}}\n")
        print("no /etc/nginx/nginx.conf: a minimal main configuration around the site")
    path = os.path.join(tmp, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    return path


def https(port):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)


def get(connection, path, headers=None):
    connection.request("GET", path, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    return response, response.read()


def check_security_headers(response, where):
    for name, fragment in SECURITY_HEADERS.items():
        values = response.headers.get_all(name) or []
        check(len(values) == 1 and fragment in values[0],
              f"{where}: {name} exactly once ({values})")


def websocket_handshake(port, path):
    """Sends an RFC 6455 upgrade over TLS; returns (status line, headers text, socket)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock = context.wrap_socket(raw, server_hostname=HOST)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode(errors="replace").split("\r\n")
    return lines[0], "\r\n".join(lines[1:]), sock, rest


def read_text_frame(sock, pending):
    """One unmasked server frame (the hello); enough framing for a test."""
    data = pending
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if len(data) >= 2:
            length = data[1] & 0x7F
            offset = 2
            if length == 126 and len(data) >= 4:
                length, offset = int.from_bytes(data[2:4], "big"), 4
            elif length == 127 and len(data) >= 10:
                length, offset = int.from_bytes(data[2:10], "big"), 10
            if length < 126 or offset > 2:
                if len(data) >= offset + length:
                    return data[0] & 0x0F, data[offset:offset + length]
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return None, b""


def start_server(binary, tmp, port, sandbox_uid):
    data_dir = os.path.join(tmp, "data")
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--data-dir", data_dir,
            "--judges", "0", "--sandbox-uid", str(sandbox_uid), "--trusted-proxies", "127.0.0.1"]
    out = open(os.path.join(tmp, "server.log"), "w")
    return subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=tmp)


def stop(process):
    if process and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--sandbox-uid", type=int, default=380100)
    args = parser.parse_args()
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        print("SKIP: nginx is not installed (apt-get install nginx-light)")
        sys.exit(SKIP)
    if shutil.which("openssl") is None:
        print("SKIP: openssl is not installed (needed for the test's self-signed certificate)")
        sys.exit(SKIP)

    server = nginx_process = None
    with tempfile.TemporaryDirectory(prefix="arena-nginx-") as tmp:
        os.chmod(tmp, 0o755)  # nginx workers (www-data) read the certificate's directory
        try:
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:P-256", "-nodes", "-days", "1", "-subj",
                            f"/CN={HOST}", "-keyout", f"{tmp}/key.pem", "-out", f"{tmp}/cert.pem"],
                           check=True, capture_output=True)
            server_port, https_port, http_port = free_port(), free_port(), free_port()
            site = site_for_test(args.source_dir, tmp, server_port, https_port, http_port)
            conf = main_config(tmp, site)

            test = subprocess.run([nginx, "-t", "-c", conf], capture_output=True, text=True)
            print(test.stderr.strip())
            check(test.returncode == 0, "nginx -t accepts the shipped configuration")

            server = start_server(args.server, tmp, server_port, args.sandbox_uid)
            nginx_process = subprocess.Popen([nginx, "-c", conf, "-g", "daemon off;"],
                                             stderr=subprocess.PIPE)
            try:
                arena_client.wait_until_healthy(f"http://127.0.0.1:{server_port}", server, 60)
            except (RuntimeError, TimeoutError) as error:
                fail(f"{error}\n{open(os.path.join(tmp, 'server.log')).read()[-3000:]}")
            deadline = time.monotonic() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
                    break
                except OSError:
                    if nginx_process.poll() is not None or time.monotonic() > deadline:
                        fail("nginx did not start: " + nginx_process.stderr.read().decode())
                    time.sleep(0.1)

            plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
            response, _ = get(plain, "/problems")
            check(response.status == 301 and
                  response.headers["Location"].startswith(f"https://{HOST}/problems"),
                  f"plain HTTP redirects to HTTPS ({response.status})")

            connection = https(https_port)
            response, body = get(connection, "/healthz")
            check(response.status == 200, f"/healthz through nginx: {response.status}")
            check_security_headers(response, "/healthz")

            response, body = get(connection, "/api/problems", {"Accept-Encoding": "gzip"})
            check(response.status == 200, f"/api/problems through nginx: {response.status}")
            check_security_headers(response, "/api/problems")
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            problems = json.loads(body)["problems"]
            check(len(problems) > 0, f"the problem list came through ({len(problems)} problems)")
            check(response.headers.get("Content-Encoding") == "gzip" or len(body) < 1024,
                  "JSON over 1 KiB is gzipped")

            response, _ = get(connection, "/metrics")
            check(response.status == 404, f"/metrics is not exposed publicly ({response.status})")

            direct = http.client.HTTPConnection("127.0.0.1", server_port, timeout=10)
            direct_response, _ = get(direct, "/healthz")
            connection_csp = get(connection, "/healthz")[0].headers["Content-Security-Policy"]
            check(direct_response.headers["Content-Security-Policy"] == connection_csp,
                  "nginx's Content-Security-Policy is the server's own")

            response, _ = get(connection, "/api/problems/xff-probe",
                              {"X-Forwarded-For": "203.0.113.7"})
            logged = []
            deadline = time.monotonic() + 5  # the request log line is written after the answer
            while not logged and time.monotonic() < deadline:
                logged = [json.loads(line) for line in open(os.path.join(tmp, "server.log"))
                          if line.startswith("{") and "xff-probe" in line]
                time.sleep(0.05)
            check(logged and logged[-1].get("client") == "127.0.0.1",
                  f"a client's own X-Forwarded-For is replaced by nginx ({logged[-1:]})")

            client = arena_client.Client(f"https://127.0.0.1:{https_port}", host_header=HOST,
                                         insecure_tls=True)
            token = client.register("deploy_nginx")["access_token"]

            statuses = []
            for _ in range(150):
                response, body = get(connection, "/api/languages")
                statuses.append(response.status)
                if response.status == 429:
                    break
            check(statuses[:20] == [200] * 20, "requests within the burst pass")
            check(statuses[-1] == 429, f"a burst beyond limit_req gets 429 (after {len(statuses)})")
            check(json.loads(body)["error"]["type"] == "rate_limited",
                  "the 429 is in the API's error shape")
            check(response.headers.get("Retry-After") == "1", "the 429 says when to retry")
            check_security_headers(response, "the 429")
            deadline = time.monotonic() + 10  # the bucket refills at 20 requests a second
            while get(connection, "/api/languages")[0].status == 429:
                check(time.monotonic() < deadline, "the rate limit lets requests through again")
                time.sleep(0.1)

            status, headers, sock, _ = websocket_handshake(https_port, "/api/ws")
            sock.close()
            if " 404 " in status + " ":
                fail("/api/ws answered 404: the WebSocket endpoint is not in arena-server yet "
                     "(this check passes once it lands)")
            check(" 401 " in status + " ",
                  f"/api/ws without a token is refused with 401, no upgrade ({status})")
            status, headers, sock, rest = websocket_handshake(https_port, f"/api/ws?access_token={token}")
            check(" 101 " in status + " ", f"/api/ws upgrade through nginx answers 101 ({status})")
            check(re.search(r"(?im)^upgrade:\s*websocket", headers), "Upgrade: websocket came back")
            opcode, payload = read_text_frame(sock, rest)
            sock.close()
            check(opcode == 1 and json.loads(payload).get("type") == "hello",
                  f"the server's hello frame came through nginx ({payload[:120]!r})")
            access_log = open(os.path.join(tmp, "access.log")).read()
            check(token not in access_log, "the token in /api/ws's query string is not access-logged")
        finally:
            stop(nginx_process)
            stop(server)
    print("PASS")


if __name__ == "__main__":
    main()
