"""A tiny HTTP client for the deploy tests: starts nothing, only talks to a running server.

Standard library only (urllib), so the tests run wherever python3 does.
"""

import json
import ssl
import time
import urllib.error
import urllib.request

ACCEPTED_SUM_OF_TWO = """#include <cstdio>
int main() {
  int t = 0;
  if (std::scanf("%d", &t) != 1) return 1;
  for (int i = 0; i < t; ++i) {
    long long a = 0, b = 0;
    if (std::scanf("%lld %lld", &a, &b) != 2) return 1;
    std::printf("%lld\\n", a + b);
  }
}
"""


# Hostile playground programs: a forking busy loop (the whole tree must be killed, from the
# outside, at the time limit) and a memory hog (the kernel's count must stop it).
FORKING_BUSY_LOOP = """#include <unistd.h>
int main() {
  for (int i = 0; i < 3; ++i) fork();
  volatile long x = 0;
  for (;;) ++x;
}
"""
MEMORY_HOG = """#include <cstring>
#include <vector>
int main() {
  std::vector<char*> blocks;
  for (;;) {
    char* block = new char[1 << 20];
    std::memset(block, 1, 1 << 20);
    blocks.push_back(block);
  }
}
"""


class HttpError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:300]!r}")
        self.status = status
        self.body = body


class Client:
    def __init__(self, base_url, host_header=None, insecure_tls=False):
        self.base_url = base_url.rstrip("/")
        self.token = None
        self.host_header = host_header
        self.context = ssl._create_unverified_context() if insecure_tls else None

    def request(self, method, path, body=None, headers=None, timeout=10):
        """Returns (status, headers, body bytes); never raises for an HTTP status."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        if self.host_header:
            request.add_header("Host", self.host_header)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=self.context) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def json(self, method, path, body=None, expect=(200,)):
        status, _, raw = self.request(method, path, body)
        if status not in expect:
            raise HttpError(status, raw)
        return json.loads(raw) if raw else None

    def register(self, name):
        reply = self.json("POST", "/api/auth/register",
                          {"email": f"{name}@example.test", "username": name,
                           "password": "deploy-test-password-1"}, expect=(201,))
        self.token = reply["access_token"]
        return reply

    def judge_accepted_sum_of_two(self, timeout_seconds=90):
        """Submits a correct A+B to the sample problem and waits for its final verdict."""
        problem = self.json("GET", "/api/problems/sum-of-two")
        submission = self.json("POST", "/api/submissions",
                               {"problem_id": problem["id"], "language": "cpp17",
                                "code": ACCEPTED_SUM_OF_TWO}, expect=(200, 202))
        deadline = time.monotonic() + timeout_seconds
        while True:
            current = self.json("GET", f"/api/submissions/{submission['id']}")
            if current.get("verdict"):
                return current
            if time.monotonic() > deadline:
                raise TimeoutError(f"no verdict within {timeout_seconds}s: {current}")
            time.sleep(0.5)  # polling the API is what clients do without the live channel


    def playground(self, code, stdin="1\n", language="cpp17"):
        """Runs code once in the server's sandbox (not stored); returns the run's result."""
        return self.json("POST", "/api/submissions",
                         {"language": language, "code": code, "stdin": stdin}, expect=(200,))


def wait_until_healthy(base_url, process=None, timeout_seconds=60):
    """Polls /healthz until it answers 200; fails early if the server process exits."""
    deadline = time.monotonic() + timeout_seconds
    last = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return response.read()
        except (urllib.error.URLError, OSError) as error:
            last = error
        time.sleep(0.2)
    raise TimeoutError(f"{base_url}/healthz not healthy within {timeout_seconds}s ({last})")
