#!/usr/bin/env python3
"""Start to first paint of arena-desktop's editor, beside a bare Qt window with QScintilla.

    bench/desktop_startup/run.py [BUILD_DIR] [--runs N]

Warm: the same start repeated (libraries, fonts and the offline store in the page cache); the
first run is discarded. Cold: before each run the program, every shared library it loads, the
Qt plugins and the fontconfig caches are evicted from the page cache with
posix_fadvise(DONTNEED) (only those files, not the whole machine's cache). Both programs run in
the same invocation, alternating, so the ratio is measured under the same load. Also prints the
peak RSS of the app with five problems open. QT_QPA_PLATFORM defaults to offscreen.
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

build = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "build"
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 10
bare = os.path.join(build, "bin", "desktop_startup_bare")
app = os.path.join(build, "bin", "desktop_startup_app")
env = dict(os.environ)
env.setdefault("QT_QPA_PLATFORM", "offscreen")
data_dir = tempfile.mkdtemp(prefix="arena-desktop-bench-")


def files_of(program):
    out = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
    libs = [p.split("=>")[-1].split("(")[0].strip() for p in out.splitlines()]
    libs = [p for p in libs if p.startswith("/")]
    extra = glob.glob("/usr/lib/x86_64-linux-gnu/qt6/plugins/**/*.so", recursive=True)
    extra += glob.glob("/var/cache/fontconfig/*") + glob.glob("/usr/share/fonts/**/*.*", recursive=True)
    return [program] + libs + extra


def evict(paths):
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def first_paint_ms(argv):
    start = time.monotonic_ns()
    out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60).stdout
    for line in out.splitlines():
        if line.startswith("first_paint_ns "):
            return (int(line.split()[1]) - start) / 1e6
    raise RuntimeError("no first paint from %s: %s" % (argv[0], out))


programs = {"bare": [bare], "app": [app, data_dir]}
cold_files = {name: files_of(argv[0]) for name, argv in programs.items()}
for argv in programs.values():
    first_paint_ms(argv)  # discarded: creates the store, warms the cache

warm = {name: [] for name in programs}
cold = {name: [] for name in programs}
for _ in range(runs):
    for name, argv in programs.items():
        warm[name].append(first_paint_ms(argv))
for _ in range(max(3, runs // 2)):
    for name, argv in programs.items():
        evict(cold_files[name])
        cold[name].append(first_paint_ms(argv))

out = subprocess.run([app, data_dir, "--five"], capture_output=True, text=True, env=env, timeout=120).stdout
rss = next((l.split(None, 1)[1].strip() for l in out.splitlines() if l.startswith("peak_rss")), "?")
bare_rss = "?"
try:
    r = subprocess.run(["/usr/bin/time", "-f", "%M", bare], capture_output=True, text=True, env=env, timeout=60)
    bare_rss = r.stderr.strip().splitlines()[-1] + " kB"
except Exception:
    pass


def row(label, values):
    return "%-28s median %7.1f ms   min %7.1f   max %7.1f   (n=%d)" % (
        label, statistics.median(values), min(values), max(values), len(values))


print("platform: %s, %d cores" % (env["QT_QPA_PLATFORM"], os.cpu_count()))
for kind, table in (("warm", warm), ("cold", cold)):
    for name in programs:
        print(row("%s %s" % (kind, name), table[name]))
    print("%-28s %.2fx" % ("%s ratio app/bare" % kind,
                           statistics.median(table["app"]) / statistics.median(table["bare"])))
print("peak RSS, app with five problems open: %s (bare window + editor: %s)" % (rss, bare_rss))
