#!/usr/bin/env python3
"""The manifest checker has teeth: each rule it enforces fails on a copy of the tree broken
in exactly that way (and the unbroken copy passes)."""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

CHECKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifests_check.py")

# (file, text to replace (its first occurrence: in networkpolicy.yaml, the judges' policy),
#  replacement, what the checker must say)
MUTATIONS = [
    ("deploy/k8s/judge.yaml", "image: codearena/judge:0.1.0", "image: codearena/judge:0.2.0",
     "must all be tagged"),
    ("deploy/compose/compose.yaml", "image: redis:7.2-alpine", "image: redis:latest",
     "pinned tag"),
    ("deploy/k8s/secret.template.yaml", 'REDIS_PASSWORD: ""', 'REDIS_PASSWORD: "hunter2"',
     "committed value"),
    ("deploy/compose/redis.env.example", "REDIS_PASSWORD=", "REDIS_PASSWORD=hunter2",
     "REDIS_PASSWORD has a value"),
    ("deploy/compose/server.env.example", "<MARIADB_PASSWORD>", "s3cret", "embeds a password"),
    ("deploy/k8s/redis.yaml", "          livenessProbe:\n            tcpSocket: {port: redis}\n",
     "", "no livenessProbe"),
    ("deploy/k8s/server.yaml", "limits: {cpu: \"2\", memory: 2Gi}", "limits: {cpu: \"2\"}",
     "no cpu/memory limits"),
    ("deploy/compose/compose.yaml", "    healthcheck:\n      test: [\"CMD\", \"healthcheck.sh\"",
     "    x-healthcheck:\n      test: [\"CMD\", \"healthcheck.sh\"", "no healthcheck"),
    ("deploy/k8s/judge.yaml", "add: [SYS_ADMIN, SETUID, SETGID, DAC_OVERRIDE]",
     "add: [SYS_ADMIN, SETUID, SETGID, DAC_OVERRIDE, NET_ADMIN]", "sandbox's set"),
    ("deploy/k8s/networkpolicy.yaml", "k8s-app: kube-dns", "k8s-app: anything",
     "another namespace only for DNS"),
    ("deploy/k8s/networkpolicy.yaml",
     "      app.kubernetes.io/component: judge\n  policyTypes: [Ingress, Egress]",
     "      app.kubernetes.io/component: judges\n  policyTypes: [Ingress, Egress]",
     "must select the judge pods"),
    ("deploy/k8s/networkpolicy.yaml", "              app.kubernetes.io/component: redis\n"
     "      ports:\n        - {protocol: TCP, port: 6379}\n",
     "              app.kubernetes.io/component: server\n"
     "      ports:\n        - {protocol: TCP, port: 6379}\n", "MariaDB, Redis and DNS only"),
    ("deploy/k8s/kustomization.yaml", "  - configmap.yaml\n",
     "  - configmap.yaml\n  - secret.template.yaml\n", "must not apply the Secret template"),
    ("deploy/compose/compose.yaml", "    networks: [back]\n    deploy:\n      replicas: 2\n"
     "      resources:\n        limits:\n          cpus: \"2.0\"\n          memory: 4g",
     "    networks: [front, back]\n    deploy:\n      replicas: 2\n"
     "      resources:\n        limits:\n          cpus: \"2.0\"\n          memory: 4g",
     "not be on the front network"),
]

COPIED = ["deploy", "CMakeLists.txt", ".env.example", "installers/server", ".github"]


def run_checker(root):
    result = subprocess.run([sys.executable, CHECKER, "--source-dir", root],
                            capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory(prefix="arena-manifests-") as tmp:
        pristine = os.path.join(tmp, "pristine")
        for item in COPIED:
            source = os.path.join(args.source_dir, item)
            target = os.path.join(pristine, item)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, target)
        code, output = run_checker(pristine)
        if code == 77:
            print(output)
            sys.exit(77)
        if code != 0:
            print(f"FAIL: the unbroken tree does not pass:\n{output}")
            sys.exit(1)
        for number, (file, old, new, expected) in enumerate(MUTATIONS):
            root = os.path.join(tmp, f"m{number}")
            shutil.copytree(pristine, root)
            path = os.path.join(root, file)
            with open(path) as f:
                text = f.read()
            if old not in text:
                print(f"FAIL: mutation {number} expects {old!r} in {file}: update it")
                failures += 1
                continue
            with open(path, "w") as f:
                f.write(text.replace(old, new, 1))
            code, output = run_checker(root)
            if code == 1 and expected in output:
                print(f"ok: {file}: {new.strip()[:60]!r} -> \"{expected}\"")
            else:
                print(f"FAIL: {file}: {new.strip()[:60]!r} should fail with \"{expected}\" "
                      f"(exit {code}):\n{output}")
                failures += 1
    if failures:
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
