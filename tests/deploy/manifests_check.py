#!/usr/bin/env python3
"""What can be checked in the Compose and Kubernetes files without a cluster.

  - every file parses (python3-yaml); `kubectl kustomize` builds deploy/k8s when kubectl exists;
  - images: ours are <prefix>/{server,judge,webui}:<version>, one version everywhere and the
    project's version; third-party images carry a pinned tag (not :latest, not bare);
  - every container has CPU and memory limits and health checks (Compose: healthcheck;
    Kubernetes: readiness and liveness probes; the server's readiness probe is GET /healthz);
  - no secret values committed: the Secret template's values are empty, secrets reach pods via
    secretKeyRef only, *.env.example files hold no password/secret values, no private keys;
  - the sandbox's privileges are the same set in the systemd unit, Compose and Kubernetes, and
    nothing is privileged or mounts the Docker socket;
  - the judges' NetworkPolicy selects the judge pods and lets them reach only MariaDB, Redis
    and DNS; the HPA scales the judge Deployment on CPU; Services, the Ingress and the
    Prometheus annotations point at ports that exist.

Each failed rule is printed; the test fails if any did. Exit 77 when python3-yaml is missing.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml is not installed (apt-get install python3-yaml)")
    sys.exit(77)

OUR_IMAGE = re.compile(r"^(?P<prefix>.+)/(?P<name>server|judge|webui):(?P<tag>[^:/]+)$")
SANDBOX_CAPS = None  # read from the systemd unit
problems = []


def rule(condition, message):
    if not condition:
        problems.append(message)
    return condition


def load_all(path):
    with open(path) as f:
        return [doc for doc in yaml.safe_load_all(f) if doc is not None]


def project_version(source_dir):
    with open(os.path.join(source_dir, "CMakeLists.txt")) as f:
        return re.search(r"project\(CodeArena VERSION ([0-9.]+)", f.read()).group(1)


def unit_capabilities(source_dir):
    with open(os.path.join(source_dir, "deploy", "systemd", "arena-server.service")) as f:
        caps = re.search(r"^CapabilityBoundingSet=(.*)$", f.read(), re.M).group(1).split()
    with open(os.path.join(source_dir, "deploy", "systemd", "arena-judge@.service")) as f:
        judge_caps = re.search(r"^CapabilityBoundingSet=(.*)$", f.read(), re.M).group(1).split()
    rule(caps == judge_caps, f"arena-judge@.service's capabilities {judge_caps} differ from "
                             f"arena-server.service's {caps}")
    return sorted(c.removeprefix("CAP_") for c in caps)


def check_image(image, where, versions):
    match = OUR_IMAGE.match(image)
    if match and ("codearena" in match.group("prefix")):
        versions.add((match.group("name"), match.group("tag")))
        return match.group("name")
    name, _, tag = image.rpartition(":")
    rule(name and tag and tag != "latest" and "/" not in tag,
         f"{where}: third-party image {image!r} must carry a pinned tag")
    return None


def expand_compose_variables(text):
    """${VAR:-default} -> default, as Compose does with an empty environment."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)


def check_compose(source_dir, versions):
    path = os.path.join(source_dir, "deploy", "compose", "compose.yaml")
    with open(path) as f:
        raw = f.read()
    compose = yaml.safe_load(expand_compose_variables(raw))
    services = compose.get("services", {})
    for needed in ("nginx", "server", "judge", "mariadb", "redis"):
        rule(needed in services, f"compose: no {needed} service")
    for name, service in services.items():
        where = f"compose service {name}"
        image = service.get("image", "")
        ours = check_image(image, where, versions)
        if ours:
            rule("build" in service, f"{where}: our image {image} has no build section")
        limits = service.get("deploy", {}).get("resources", {}).get("limits", {})
        rule("cpus" in limits and "memory" in limits, f"{where}: no cpus/memory limits")
        rule("test" in service.get("healthcheck", {}), f"{where}: no healthcheck")
        rule(not service.get("privileged"), f"{where}: privileged")
        for volume in service.get("volumes", []):
            rule("docker.sock" not in str(volume), f"{where}: mounts the Docker socket")
        for env_file in service.get("env_file", []):
            rule(os.path.exists(os.path.join(os.path.dirname(path), env_file + ".example")),
                 f"{where}: {env_file} has no {env_file}.example beside compose.yaml")
        for key, value in (service.get("environment") or {}).items():
            rule(not re.search(r"PASSWORD|SECRET|TOKEN", key),
                 f"{where}: {key} belongs in an env_file, not in compose.yaml")
            rule(not re.search(r"://[^/@]*@", str(value)),
                 f"{where}: {key} embeds credentials; put it in an env_file")
        if name in ("server", "judge"):
            rule(service.get("cap_drop") == ["ALL"], f"{where}: must drop ALL capabilities")
            rule(sorted(service.get("cap_add", [])) == SANDBOX_CAPS,
                 f"{where}: cap_add {service.get('cap_add')} is not the sandbox's set {SANDBOX_CAPS}")
    judge_networks = services.get("judge", {}).get("networks", [])
    rule("front" not in judge_networks, "compose: the judges must not be on the front network")
    back = compose.get("networks", {}).get("back", {})
    rule(back.get("internal") is True, "compose: the back network must be internal (no egress)")


def pod_spec(doc):
    if doc.get("kind") in ("Deployment", "StatefulSet", "DaemonSet"):
        return doc["spec"]["template"]
    return None


def check_k8s(source_dir, versions):
    directory = os.path.join(source_dir, "deploy", "k8s")
    docs = []
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        for doc in load_all(path):
            docs.append((os.path.basename(path), doc))
    kinds = [d.get("kind") for _, d in docs]
    for needed in ("Deployment", "Service", "Ingress", "ConfigMap", "Secret", "NetworkPolicy",
                   "HorizontalPodAutoscaler", "StatefulSet"):
        rule(needed in kinds, f"k8s: no {needed}")

    workloads = {}
    for file, doc in docs:
        where = f"k8s {file} {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
        rule(doc.get("metadata", {}).get("namespace", "codearena") == "codearena" or
             doc.get("kind") == "Namespace", f"{where}: not in namespace codearena")
        if doc.get("kind") == "Secret":
            for key, value in {**doc.get("stringData", {}), **doc.get("data", {})}.items():
                rule(value in ("", None), f"{where}: Secret key {key} has a committed value")
        template = pod_spec(doc)
        if not template:
            continue
        labels = template["metadata"].get("labels", {})
        workloads[doc["metadata"]["name"]] = (doc, labels)
        rule(doc["spec"]["selector"]["matchLabels"].items() <= labels.items(),
             f"{where}: selector does not match the pod labels")
        for container in template["spec"].get("containers", []):
            cwhere = f"{where} container {container['name']}"
            check_image(container.get("image", ""), cwhere, versions)
            limits = container.get("resources", {}).get("limits", {})
            rule("cpu" in limits and "memory" in limits, f"{cwhere}: no cpu/memory limits")
            rule("readinessProbe" in container, f"{cwhere}: no readinessProbe")
            rule("livenessProbe" in container, f"{cwhere}: no livenessProbe")
            security = container.get("securityContext", {})
            rule(not security.get("privileged"), f"{cwhere}: privileged")
            rule(security.get("allowPrivilegeEscalation") is False,
                 f"{cwhere}: allowPrivilegeEscalation must be false")
            rule(security.get("capabilities", {}).get("drop") == ["ALL"],
                 f"{cwhere}: must drop ALL capabilities")
            for env in container.get("env", []):
                if re.search(r"PASSWORD|SECRET|TOKEN|_URL$", env["name"]) and "value" in env:
                    rule("@" not in env["value"] and not re.search(r"PASSWORD|SECRET", env["name"]),
                         f"{cwhere}: {env['name']} must come from a secretKeyRef")
            for volume in template["spec"].get("volumes", []):
                rule("hostPath" not in volume, f"{cwhere}: hostPath volume {volume['name']}")
            component = labels.get("app.kubernetes.io/component")
            if component in ("server", "judge"):
                added = sorted(security.get("capabilities", {}).get("add", []))
                rule(added == SANDBOX_CAPS, f"{cwhere}: capabilities {added} are not the "
                                            f"sandbox's set {SANDBOX_CAPS}")
                rule(template["spec"].get("hostUsers") is False,
                     f"{cwhere}: must run in its own user namespace (hostUsers: false)")
            if component == "server":
                probe = container["readinessProbe"].get("httpGet", {})
                rule(probe.get("path") == "/healthz", f"{cwhere}: readiness is not GET /healthz")
                annotations = template["metadata"].get("annotations", {})
                ports = {str(p["containerPort"]) for p in container.get("ports", [])}
                rule(annotations.get("prometheus.io/scrape") == "true" and
                     annotations.get("prometheus.io/port") in ports and
                     annotations.get("prometheus.io/path") == "/metrics",
                     f"{cwhere}: Prometheus scrape annotations missing or on a wrong port")

    def pods_selected(selector):
        """Workload names whose pod labels a label selector matches."""
        matched = []
        for name, (_, labels) in workloads.items():
            ok = all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())
            for expr in selector.get("matchExpressions", []):
                if expr["operator"] == "In":
                    ok = ok and labels.get(expr["key"]) in expr["values"]
            if ok:
                matched.append(name)
        return matched

    judge = [n for n, (_, l) in workloads.items() if l.get("app.kubernetes.io/component") == "judge"]
    rule(len(judge) == 1, "k8s: exactly one judge workload expected")
    judge_policies = [d for _, d in docs if d.get("kind") == "NetworkPolicy" and
                      judge and judge[0] in pods_selected(d["spec"].get("podSelector", {}))]
    rule(len(judge_policies) == 1, "k8s: exactly one NetworkPolicy must select the judge pods")
    for policy in judge_policies:
        spec = policy["spec"]
        rule("Egress" in spec.get("policyTypes", []), "k8s: the judges' policy must limit Egress")
        rule(spec.get("ingress", []) == [], "k8s: nothing may connect to a judge")
        reachable = set()
        for egress in spec.get("egress", []):
            rule(bool(egress.get("to")), "k8s: a judge egress rule without 'to' allows everything")
            for peer in egress.get("to", []):
                rule("ipBlock" not in peer or peer["ipBlock"].get("cidr") != "0.0.0.0/0",
                     "k8s: judges may not reach 0.0.0.0/0")
                if "namespaceSelector" in peer:
                    dns = peer.get("podSelector", {}).get("matchLabels", {}).get("k8s-app")
                    rule(dns == "kube-dns", "k8s: judges may reach another namespace only for DNS")
                    reachable.add("dns")
                else:
                    reachable.update(pods_selected(peer.get("podSelector", {})))
            ports = {p["port"] for p in egress.get("ports", [])}
            rule(ports, "k8s: a judge egress rule without ports allows every port")
        rule(reachable == {"codearena-mariadb", "codearena-redis", "dns"},
             f"k8s: judges must reach MariaDB, Redis and DNS only, not {sorted(reachable)}")

    for _, doc in docs:
        if doc.get("kind") == "HorizontalPodAutoscaler":
            target = doc["spec"]["scaleTargetRef"]
            rule(target["kind"] == "Deployment" and judge and target["name"] == judge[0],
                 "k8s: the HPA must scale the judge Deployment")
            rule(any(m.get("resource", {}).get("name") == "cpu" for m in doc["spec"]["metrics"]),
                 "k8s: the HPA must scale on CPU")
        if doc.get("kind") == "Service":
            selected = pods_selected({"matchLabels": doc["spec"]["selector"]})
            rule(selected, f"k8s: Service {doc['metadata']['name']} selects no pods")
        if doc.get("kind") == "Ingress":
            rule(doc["spec"].get("tls"), "k8s: the Ingress has no TLS")
            services = {d["metadata"]["name"] for _, d in docs if d.get("kind") == "Service"}
            for rule_ in doc["spec"]["rules"]:
                for path in rule_["http"]["paths"]:
                    backend = path["backend"]["service"]["name"]
                    rule(backend in services, f"k8s: the Ingress points at unknown {backend}")

    with open(os.path.join(directory, "kustomization.yaml")) as f:
        kustomization = yaml.safe_load(f)
    rule("secret.template.yaml" not in kustomization.get("resources", []),
         "k8s: kustomization must not apply the Secret template (it would blank real values)")
    if shutil.which("kubectl"):
        built = subprocess.run(["kubectl", "kustomize", directory], capture_output=True, text=True)
        rule(built.returncode == 0, f"k8s: kubectl kustomize failed: {built.stderr.strip()}")
    else:
        print("note: kubectl is not installed; kustomization.yaml is only parsed")


def check_ci(source_dir):
    path = os.path.join(source_dir, ".github", "workflows", "ci.yml")
    with open(path) as f:
        workflow = yaml.safe_load(f)
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    rule(any("./arena test" in str(s.get("run", "")) for s in steps), "ci.yml: does not run ./arena test")
    rule(any("cpack" in str(s.get("run", "")) for s in steps), "ci.yml: does not build the packages")
    images = workflow["jobs"].get("images", {})
    matrix = images.get("strategy", {}).get("matrix", {}).get("include", [])
    rule(sorted(m["image"] for m in matrix) == ["judge", "server", "webui"],
         "ci.yml: must build the server, judge and webui images")
    tags = " ".join(str(s.get("with", {}).get("tags", "")) for s in images.get("steps", []))
    rule("/codearena/${{ matrix.image }}:" in tags,
         "ci.yml: images must be tagged <registry>/codearena/<image>:<version> as in deploy/")


def check_no_secret_values(source_dir):
    paths = (glob.glob(os.path.join(source_dir, "deploy", "**", "*"), recursive=True) +
             glob.glob(os.path.join(source_dir, ".env.example")) +
             glob.glob(os.path.join(source_dir, "installers", "server", "*")))
    for path in paths:
        if not os.path.isfile(path):
            continue
        with open(path, errors="replace") as f:
            text = f.read()
        rel = os.path.relpath(path, source_dir)
        rule("PRIVATE KEY-----" not in text, f"{rel}: holds a private key")
        if path.endswith(".env.example") or path.endswith("judge.env"):
            for line in text.splitlines():
                if line.startswith("#") or "=" not in line:
                    continue
                key, value = line.split("=", 1)
                if re.search(r"PASSWORD|SECRET|TOKEN", key):
                    rule(value.strip() == "", f"{rel}: {key} has a value")
                credentials = re.search(r"://[^:/@]*:([^@]*)@", value)
                if credentials:
                    rule(re.fullmatch(r"<[A-Z_]+>", credentials.group(1)) is not None,
                         f"{rel}: {key} embeds a password (use a <PLACEHOLDER>)")


def main():
    global SANDBOX_CAPS
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-dir", required=True)
    args = parser.parse_args()
    SANDBOX_CAPS = unit_capabilities(args.source_dir)
    versions = set()
    check_compose(args.source_dir, versions)
    check_k8s(args.source_dir, versions)
    check_no_secret_values(args.source_dir)
    check_ci(args.source_dir)
    tags = {tag for _, tag in versions}
    names = {name for name, _ in versions}
    rule(names == {"server", "judge", "webui"} or names == {"server", "judge"},
         f"our images are server, judge (and webui); found {sorted(names)}")
    version = project_version(args.source_dir)
    rule(tags == {version}, f"our images must all be tagged {version} (the project's version); "
                            f"found {sorted(tags)}")
    if problems:
        for problem in problems:
            print(f"FAIL: {problem}")
        sys.exit(1)
    print(f"ok: compose and {len(glob.glob(os.path.join(args.source_dir, 'deploy/k8s/*.yaml')))} "
          f"Kubernetes files follow the rules; images {sorted(versions)}")
    print("PASS")


if __name__ == "__main__":
    main()
