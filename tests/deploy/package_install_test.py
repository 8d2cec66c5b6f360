#!/usr/bin/env python3
"""The packages as a proctor meets them: built, installed, judging, removed, purged.

Steps (each prints what it checks; the first failure ends the test with its reason):
  1. cpack -G "DEB;TGZ" from the build directory into a temporary directory.
  2. The server .deb's control data and file list: name, Depends (shared libraries found by
     dpkg-shlibdeps plus adduser and the compilers), conffiles, the paths the installed
     programs look in, nothing under /usr/local, the settings files not world-readable.
  3. dpkg -i: the postinst made the codearena account, /var/lib/codearena (0750) and the
     settings files' group; systemd-analyze verify accepts the installed units.
  4. The installed /usr/bin/arena-server started as arena-server.service starts it (its
     ExecStart, Environment= and, through setpriv, its CapabilityBoundingSet and
     NoNewPrivileges), on a spare port with a temporary data directory: /healthz answers, a
     user registers, a correct A+B submission to the sample problem is judged AC, and the
     sandbox isolation is as strong as the host allows (the capability set is not too small).
  5. dpkg -r keeps /var/lib/codearena; dpkg --purge deletes it and /etc/codearena.
  6. The .tar.gz holds the same tree; the desktop package's contents are listed (skipped with
     a message while arena-desktop is not built).

Needs root (dpkg -i, the sandbox), dpkg-deb and cpack; exits 77 (skipped) saying why otherwise.
Refuses to touch a machine where codearena-server is already installed.
"""

import argparse
import glob
import grp
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import arena_client  # noqa: E402

SKIP = 77


def step(message):
    print(f"--- {message}", flush=True)


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"ok: {message}", flush=True)


def run(argv, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        fail(f"{' '.join(argv)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preconditions():
    if os.geteuid() != 0:
        print("SKIP: installing a .deb (dpkg -i) and running the sandbox need root; run as root")
        sys.exit(SKIP)
    for tool in ("cpack", "dpkg", "dpkg-deb", "dpkg-shlibdeps"):
        if shutil.which(tool) is None:
            print(f"SKIP: {tool} is not installed (Debian's dpkg-dev and cmake provide them)")
            sys.exit(SKIP)
    installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "codearena-server"],
                               capture_output=True, text=True)
    if "installed" in installed.stdout or "unpacked" in installed.stdout:
        print("SKIP: codearena-server is installed on this machine; this test would replace and "
              "purge it (dpkg --purge codearena-server first if it is a leftover)")
        sys.exit(SKIP)


def build_packages(build_dir, out_dir):
    step("cpack -G DEB;TGZ")
    etc_before = os.path.exists("/etc/codearena")
    argv = ["cpack", "-G", "DEB;TGZ", "--config", os.path.join(build_dir, "CPackConfig.cmake"),
            "-B", out_dir]
    if not os.path.exists(os.path.join(build_dir, "bin", "arena-desktop")):
        # A build that configured the desktop but did not build it (or has no desktop at all).
        argv += ["-D", "CPACK_COMPONENTS_ALL=server"]
    run(argv)
    packages = {os.path.basename(p): p for p in glob.glob(os.path.join(out_dir, "*.*"))
                if p.endswith((".deb", ".tar.gz"))}
    print("\n".join(sorted(packages)))
    if not etc_before:
        check(not os.path.exists("/etc/codearena"),
              "packaging wrote nothing into this machine's /etc (files are staged)")
    return packages


def find(packages, pattern):
    matches = [path for name, path in packages.items() if re.fullmatch(pattern, name)]
    return matches[0] if len(matches) == 1 else None


def server_programs(build_dir):
    """The programs the build made, hence the ones the package must hold."""
    names = ["arena-server", "arena-judge", "arena-admin", "arena-sandbox", "arena-executor",
             "arena-checker"]
    return [n for n in names if os.path.exists(os.path.join(build_dir, "bin", n))]


def inspect_server_deb(deb, build_dir, source_dir):
    step(f"control data and contents of {os.path.basename(deb)}")
    control = run(["dpkg-deb", "-f", deb])
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.M))
    check(fields.get("Package") == "codearena-server", "Package: codearena-server")
    depends = fields.get("Depends", "")
    print(f"Depends: {depends}")
    for needed in ("adduser", "gcc", "g++", "python3"):
        check(re.search(rf"(^|, ){re.escape(needed)}( |,|$)", depends),
              f"Depends names {needed}")
    check(re.search(r"libpoco\w*", depends), "Depends has the Poco libraries (dpkg-shlibdeps ran)")
    # libseccomp is not among them: the sandbox's filter is compiled to BPF at build time.
    check("libsodium" in depends, "Depends has libsodium (dpkg-shlibdeps ran)")
    check("openjdk-17-jdk-headless" in fields.get("Recommends", ""), "Recommends Java 17")

    with tempfile.TemporaryDirectory() as control_dir:
        run(["dpkg-deb", "-e", deb, control_dir])
        with open(os.path.join(control_dir, "conffiles")) as f:
            conffiles = f.read().split()
        for script in ("postinst", "prerm", "postrm"):
            check(os.access(os.path.join(control_dir, script), os.X_OK), f"{script} is executable")
    for conffile in ("/etc/codearena/server.properties", "/etc/codearena/judge.env",
                     "/etc/codearena/languages.json"):
        check(conffile in conffiles, f"{conffile} is a conffile")

    listing = run(["dpkg-deb", "-c", deb])
    paths = {}
    for line in listing.splitlines():
        parts = line.split()
        paths[parts[5].lstrip(".")] = parts[0]
    for program in server_programs(build_dir):
        check(f"/usr/bin/{program}" in paths, f"ships /usr/bin/{program}")
    for path in ("/etc/codearena/languages.json", "/usr/share/codearena/samples/samples.json",
                 "/usr/share/codearena/samples/sum-of-two/problem.yaml",
                 "/usr/lib/systemd/system/arena-server.service",
                 "/usr/lib/systemd/system/arena-judge@.service",
                 "/usr/lib/tmpfiles.d/codearena.conf"):
        check(path in paths, f"ships {path}")
    if os.path.exists(os.path.join(source_dir, "webui", "dist", "index.html")):
        check("/usr/share/codearena/webui/index.html" in paths, "ships the built web UI")
    else:
        print("note: webui/dist is not built; the package holds no web UI (the server says so)")
    check(not any(p.startswith("/usr/local") for p in paths), "nothing under /usr/local")
    for secret in ("/etc/codearena/server.properties", "/etc/codearena/judge.env"):
        check(paths[secret] == "-rw-r-----", f"{secret} is not world-readable ({paths[secret]})")


def unit_settings(unit_path):
    """ExecStart argv, Environment pairs, capability names and NoNewPrivileges of a unit."""
    exec_start, environment, capabilities, no_new_privs = None, {}, None, False
    with open(unit_path) as f:
        for raw in f:
            line = raw.strip()
            if line.startswith("ExecStart="):
                exec_start = shlex.split(line[len("ExecStart="):])
            elif line.startswith("Environment="):
                for pair in shlex.split(line[len("Environment="):]):
                    name, _, value = pair.partition("=")
                    environment[name] = value
            elif line.startswith("CapabilityBoundingSet="):
                capabilities = line.split("=", 1)[1].split()
            elif line == "NoNewPrivileges=yes":
                no_new_privs = True
    return exec_start, environment, capabilities, no_new_privs


def host_isolation():
    """The strongest isolation this host allows a process with every capability."""
    out = subprocess.run(["/usr/bin/arena-sandbox", "check"], capture_output=True, text=True)
    try:
        return json.loads(out.stdout)["isolation"]
    except (ValueError, KeyError):
        print(f"note: arena-sandbox check said {out.stdout[:200]!r} {out.stderr[:200]!r}")
        return None


def judge_with_installed_server(work, sandbox_uid):
    step("the installed arena-server, started as arena-server.service starts it")
    unit = "/usr/lib/systemd/system/arena-server.service"
    exec_start, environment, capabilities, no_new_privs = unit_settings(unit)
    check(exec_start and exec_start[0] == "/usr/bin/arena-server",
          "the unit runs /usr/bin/arena-server")
    check(capabilities, "the unit bounds its capabilities")
    port = free_port()
    data_dir = os.path.join(work, "data")
    argv = exec_start + ["--port", str(port), "--bind", "127.0.0.1", "--data-dir", data_dir,
                         "--sandbox-uid", str(sandbox_uid), "--judges", "1"]
    if shutil.which("setpriv"):
        caps = ",".join("+" + c.lower().removeprefix("cap_") for c in capabilities)
        prefix = ["setpriv", "--bounding-set", "-all," + caps, "--inh-caps", "-all"]
        if no_new_privs:
            prefix.append("--no-new-privs")
        argv = prefix + ["--"] + argv
    else:
        print("note: setpriv (util-linux) is missing; the server runs without the unit's bounds")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **environment}
    print("$ " + " ".join(f"{k}={v}" for k, v in environment.items()) + " " + shlex.join(argv))
    out_path, err_path = os.path.join(work, "server.out"), os.path.join(work, "server.err")
    with open(out_path, "w") as out, open(err_path, "w") as err:
        server = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=work)
    try:
        base = f"http://127.0.0.1:{port}"
        try:
            arena_client.wait_until_healthy(base, server, timeout_seconds=60)
        except (RuntimeError, TimeoutError) as error:
            fail(f"{error}\n{open(out_path).read()}\n{open(err_path).read()[-3000:]}")
        check(True, "/healthz answers 200")
        started = open(out_path).read()
        print(started)
        isolation = re.search(r"sandbox: (\w+)", started)
        expected = host_isolation()
        check(isolation and (expected is None or isolation.group(1) == expected),
              f"sandbox isolation under the unit's capabilities is the host's best "
              f"({isolation.group(1) if isolation else '?'} vs arena-sandbox check: {expected})")
        client = arena_client.Client(base)
        client.register("deploy_package")
        languages = client.json("GET", "/api/languages")["languages"]
        check(any(lang["id"] == "cpp17" for lang in languages),
              "the installed language table offers cpp17")
        verdict = client.judge_accepted_sum_of_two(timeout_seconds=90)
        check(verdict.get("verdict") == "AC", f"A+B is judged AC ({verdict.get('verdict')})")
        run_ = client.playground(arena_client.FORKING_BUSY_LOOP)
        check(run_["status"] == "TLE", f"a forking busy loop is stopped: TLE ({run_['status']})")
        run_ = client.playground(arena_client.MEMORY_HOG)
        check(run_["status"] == "MLE", f"a memory hog is stopped: MLE ({run_['status']})")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            fail("arena-server did not stop within 30 s of SIGTERM")
    check(code == 0, f"arena-server stops cleanly on SIGTERM (exit {code})")
    leftovers = [line for line in run(["ps", "-eo", "uid=,pid=,comm="]).splitlines()
                 if sandbox_uid <= int(line.split()[0]) < sandbox_uid + 100]
    check(not leftovers, f"no box process outlives the server ({leftovers})")


def install_and_judge(deb, work, sandbox_uid):
    step("dpkg -i")
    run(["dpkg", "-i", deb], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    check(subprocess.run(["getent", "passwd", "codearena"], capture_output=True).returncode == 0,
          "the postinst made the codearena account")
    state = os.stat("/var/lib/codearena")
    check(oct(state.st_mode & 0o777) == "0o750", "/var/lib/codearena exists with mode 0750")
    judge_env = os.stat("/etc/codearena/judge.env")
    check(grp.getgrgid(judge_env.st_gid).gr_name == "codearena" and
          judge_env.st_mode & 0o777 == 0o640, "judge.env is root:codearena 0640")
    if shutil.which("systemd-analyze"):
        for unit in ("arena-server.service", "arena-judge@1.service"):
            result = subprocess.run(["systemd-analyze", "verify", "--man=no", unit],
                                    capture_output=True, text=True)
            problems = [line for line in (result.stdout + result.stderr).splitlines()
                        if "arena" in line]
            check(result.returncode == 0 and not problems,
                  f"systemd-analyze verify {unit}" + ("\n" + "\n".join(problems) if problems else ""))
    else:
        print("note: systemd-analyze is missing; the units are not verified")
    judge_with_installed_server(work, sandbox_uid)

    step("dpkg -r keeps the data; dpkg --purge deletes it")
    with open("/var/lib/codearena/kept-by-remove", "w") as marker:
        marker.write("data a proctor would not want to lose\n")
    run(["dpkg", "-r", "codearena-server"])
    check(not os.path.exists("/usr/bin/arena-server"), "remove deletes the programs")
    check(os.path.exists("/var/lib/codearena/kept-by-remove"), "remove keeps /var/lib/codearena")
    run(["dpkg", "--purge", "codearena-server"])
    check(not os.path.exists("/var/lib/codearena"), "purge deletes /var/lib/codearena")
    check(not os.path.exists("/etc/codearena"), "purge deletes /etc/codearena")


def inspect_archives(packages, build_dir):
    step("the server .tar.gz")
    archive = find(packages, r"codearena-server-.*\.tar\.gz")
    check(archive, "codearena-server-*.tar.gz was made")
    names = {n.lstrip("./") for n in run(["tar", "-tzf", archive]).split()}
    for program in server_programs(build_dir):
        check(f"usr/bin/{program}" in names, f"tar.gz holds usr/bin/{program}")
    check("etc/codearena/languages.json" in names, "tar.gz holds etc/codearena/languages.json")

    step("the desktop package")
    desktop = find(packages, r"codearena-desktop_.*\.deb")
    if not os.path.exists(os.path.join(build_dir, "bin", "arena-desktop")):
        print("SKIP (this part): arena-desktop is not built yet, so there is no "
              "codearena-desktop package to list")
        check(desktop is None, "no desktop package without arena-desktop")
        return
    check(desktop, "codearena-desktop_*.deb was made")
    listing = run(["dpkg-deb", "-c", desktop])
    print(listing)
    for path in ("./usr/bin/arena-desktop", "./usr/share/applications/codearena-desktop.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/codearena.svg"):
        check(path in listing, f"desktop package holds {path}")
    depends = run(["dpkg-deb", "-f", desktop, "Depends"])
    check("libqt6" in depends, f"desktop Depends has Qt 6 ({depends.strip()})")
    check(find(packages, r"codearena-desktop-.*\.tar\.gz"), "codearena-desktop-*.tar.gz was made")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--sandbox-uid", type=int, default=380000)
    args = parser.parse_args()
    preconditions()
    if not os.path.exists(os.path.join(args.build_dir, "bin", "arena-server")):
        fail("arena-server is not built in " + args.build_dir)
    with tempfile.TemporaryDirectory(prefix="arena-deploy-") as work:
        os.chmod(work, 0o755)
        packages = build_packages(args.build_dir, os.path.join(work, "packages"))
        deb = find(packages, r"codearena-server_.*\.deb")
        check(deb, "codearena-server_*.deb was made")
        inspect_server_deb(deb, args.build_dir, args.source_dir)
        try:
            install_and_judge(deb, work, args.sandbox_uid)
        finally:
            subprocess.run(["dpkg", "--purge", "codearena-server"], capture_output=True)
        inspect_archives(packages, args.build_dir)
    print("PASS")


if __name__ == "__main__":
    main()
