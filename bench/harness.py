#!/usr/bin/env python3
"""The bts benchmark driver (run it through `bench/run`; the method is in bench/README.md).

Builds everything in release mode, starts the one shared loopback responder, runs every
contender in rounds (each round runs each contender once, in a fresh process, so that a burst of
load from elsewhere hits all of them alike; server and contenders pinned to one CPU), and prints
ONE markdown table of medians to stdout.
Progress goes to stderr. The raw per-round numbers are written to bench/target/results.json and
the table to bench/target/results.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import concurrency  # noqa: E402  (bench/concurrency.py: the latency-bound rows)

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET = BENCH / "target"
LIBBTS = ROOT / "target" / "release" / "libbts.so"
SERVER = TARGET / "release" / "bench-server"
RUST = TARGET / "release" / "bench-rust"
CBENCH = TARGET / "bench_c"
TOKEN = "bench-token"
ORDER_OP, ORDER_PARAMS = "order/detail", '{"orderId":229234}'
LIST_OP, LIST_PARAMS = "wms/product/clients", '{"page":1}'
# the current courier API: order/detail and its order/list (the same route with a date range)
CUR_ORDER_PARAMS = '{"orderId":229234}'
CUR_LIST_OP, CUR_LIST_PARAMS = "order/list", '{"beginDate":"2026-11-01","endDate":"2026-11-30"}'
SIZES = ("10k", "1m", "10m")


# The server and every timed contender run on ONE CPU (BENCH_CPU, default the last one). On one
# kept-alive connection each call is a ping-pong; across two CPUs every request and every answer
# has to wake an idle CPU, which on this VM costs tens of µs and varies (measured: raw ureq 21 µs
# a call on one CPU, 62-78 µs across two). On one CPU the hand-over is a plain context switch.
CPU = int(os.environ.get("BENCH_CPU", str((os.cpu_count() or 1) - 1)))
ALL_CPUS = set(range(os.cpu_count() or 1))


def pin_child():
    os.sched_setaffinity(0, {CPU})


def log(*parts):
    print("[bench]", *parts, file=sys.stderr, flush=True)


def sh(cmd, cwd=None, env=None, timeout=900, check=True, pin=False) -> str:
    """Runs a command and returns its stdout; on failure shows its stderr and stops. `pin` runs
    it on the benchmark CPU."""
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                       preexec_fn=pin_child if pin else None)
    if check and p.returncode != 0:
        sys.stderr.write(p.stdout[-4000:] + p.stderr[-4000:])
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(map(str, cmd))[:300]}")
    return p.stdout


def first_line(cmd) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except Exception:
        return "n/a"


# --------------------------------------------------------------------------------------------
# settings


class Settings:
    def __init__(self, quick: bool):
        self.quick = quick
        # rounds: each contender runs once per round in a fresh process; the table shows medians
        self.rounds = 2 if quick else 11
        # calls per timed run (after warm-up), per contender family
        self.n_fast = 50 if quick else 5000  # Rust, C
        self.n_script = 30 if quick else 3000  # Python and PHP on bts, PHP curl
        self.n_requests = 20 if quick else 600  # requests.Session is ~20-40x slower
        self.warmup = 10 if quick else 500
        self.warmup_requests = 5 if quick else 100
        # throughput: calls per timed run for each page size
        self.n_pages = {"10k": 40, "1m": 4, "10m": 2} if quick else {"10k": 5000, "1m": 200, "10m": 20}
        self.warm_pages = {"10k": 5, "1m": 2, "10m": 1} if quick else {"10k": 300, "1m": 10, "10m": 2}
        # callgrind: (N1, N2) calls; PHP runs ~4x more instructions a call, so fewer
        self.cg = (5, 25) if quick else (200, 2200)
        self.cg_php = (5, 25) if quick else (100, 1100)
        # RSS growth: warm-up calls, then measured calls
        self.rss = (1000, 5000) if quick else (10_000, 100_000)
        self.wrk_seconds = 1 if quick else 3


# --------------------------------------------------------------------------------------------
# build


def build(s: Settings):
    cargo = shutil.which("cargo") or "cargo"
    # The C library as it ships (scripts/dist.sh): a compilation of its own, without the rlib,
    # which would make it larger and slower (see bench/README.md).
    log("cargo rustc --release --lib -p bts --crate-type cdylib,staticlib (the C library as shipped)")
    sh([cargo, "rustc", "--release", "--lib", "-p", "bts", "--crate-type", "cdylib,staticlib"],
       cwd=ROOT, timeout=3600)
    log("cargo build --release (bench-server, bench-rust) in bench/")
    sh([cargo, "build", "--release", "--manifest-path", str(BENCH / "Cargo.toml")], cwd=BENCH, timeout=3600)
    cc = os.environ.get("CC", "cc")
    log(f"{cc} -O2 bench/c/bench_c.c -> bench/target/bench_c (linked to target/release/libbts.so)")
    sh([cc, "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'include'}",
        str(BENCH / "c" / "bench_c.c"), f"-L{LIBBTS.parent}", "-l:libbts.so",
        f"-Wl,-rpath,{LIBBTS.parent}", "-o", str(CBENCH)])
    concurrency.build_c(LIBBTS)


# --------------------------------------------------------------------------------------------
# the shared server


class Server:
    def __init__(self):
        self.proc = subprocess.Popen([str(SERVER)], stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        m = re.match(r"listening 127\.0\.0\.1:(\d+)", line)
        if not m:
            self.proc.kill()
            raise SystemExit(f"bench-server did not start: {line!r}")
        self.port = int(m.group(1))
        sizes = self.proc.stdout.readline().split()[1:]
        self.sizes = {k: int(v) for k, v in (kv.split("=") for kv in sizes)}
        self.base = f"http://127.0.0.1:{self.port}"

    def order_url(self):
        return f"{self.base}/index.php?r=v1/order/detail&id=229234"

    def list_url(self, size):
        return f"{self.base}/size/{size}/v1/product/clients?page=1"

    def config(self, size="10k"):
        return json.dumps({
            "base_url": f"{self.base}/index.php",
            "wms_base_url": f"{self.base}/size/{size}",
            "token": TOKEN,
            "wms_token": TOKEN,
        })

    def current_order_url(self):
        return f"{self.base}/current/v1/order/detail?orderId=229234"

    def current_list_url(self, size):
        return f"{self.base}/current/size/{size}/v1/order/detail?beginDate=2026-11-01&endDate=2026-11-30"

    def current_config(self, size=None):
        """The current courier API; with `size`, its order/list pages are that size."""
        base = f"{self.base}/current" + (f"/size/{size}" if size else "")
        return json.dumps({"courier_api": "current", "base_url": base, "token": TOKEN})

    def pin(self, cpus):
        """Sets the CPUs of the server's accept thread, which its connection threads inherit."""
        os.sched_setaffinity(self.proc.pid, cpus)

    def stats(self) -> dict:
        """Requests answered and the server's CPU time so far (its /stats route)."""
        import urllib.request
        with urllib.request.urlopen(f"{self.base}/stats", timeout=10) as r:
            return json.loads(r.read())

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# --------------------------------------------------------------------------------------------
# measurements


def try_json(cmd, env=None, timeout=900):
    """Like run_json, but a failing contender gives (None, its error) instead of stopping."""
    p = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                       preexec_fn=pin_child)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        why = (p.stderr.strip().splitlines() or [f"exit {p.returncode}"])[-1]
        return None, why[:200]
    return json.loads(lines[-1]), None


def run_json(cmd, env=None, timeout=900) -> dict:
    out = sh(cmd, env=env, timeout=timeout, pin=True)
    lines = [l for l in out.splitlines() if l.startswith("{")]
    if not lines:
        raise SystemExit(f"no result from {' '.join(map(str, cmd))[:200]}: {out[-500:]}")
    return json.loads(lines[-1])


def env_for_bindings():
    env = dict(os.environ)
    env["BTS_LIBRARY"] = str(LIBBTS)
    env["BTS_HEADER"] = str(ROOT / "include" / "bts_ffi.h")
    env["PYTHONPATH"] = str(ROOT / "bindings" / "python") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def python_binding_available(env) -> bool:
    p = subprocess.run([sys.executable, "-c", "import bts, sys; bts.Client"], env=env,
                       capture_output=True, text=True)
    return p.returncode == 0


def php_available() -> bool:
    return shutil.which("php") is not None


def php_binding_available() -> bool:
    return (ROOT / "bindings" / "php" / "src" / "Client.php").is_file() and \
        (ROOT / "bindings" / "php" / "tests" / "autoload.php").is_file()


def latency_contenders(s: Settings, srv: Server, env):
    """name -> (label, command for one run of n calls)."""
    cfg, url = srv.config(), srv.order_url()
    py, php = sys.executable, "php"
    one = lambda n, w: [str(n), "1", str(w)]  # noqa: E731
    c = {
        "raw": ("raw ureq 3.5.2, body into a String (Rust) — the floor",
                [str(RUST), "raw", url, TOKEN, *one(s.n_fast, s.warmup)]),
        "api_json": ("bts `Client::call_json` (Rust, server text)",
                     [str(RUST), "api-json", cfg, ORDER_OP, ORDER_PARAMS, *one(s.n_fast, s.warmup)]),
        "api_typed": ("bts `Client::order_detail(id)` (Rust, typed `Order`)",
                      [str(RUST), "api-typed", cfg, "229234", *one(s.n_fast, s.warmup)]),
        "api_value": ("bts `Client::call` (Rust, → serde_json::Value)",
                      [str(RUST), "api-value", cfg, ORDER_OP, ORDER_PARAMS, *one(s.n_fast, s.warmup)]),
        "c": ("`bts_call` from C (libbts.so)",
              [str(CBENCH), "latency", cfg, ORDER_OP, ORDER_PARAMS, *one(s.n_fast, s.warmup)]),
        "raw_current": ("raw ureq, the current API's order/detail body into a String — its floor",
                        [str(RUST), "raw", srv.current_order_url(), TOKEN, *one(s.n_fast, s.warmup)]),
        "c_current": ("`bts_call` from C, current API (`data` cut out of its envelope)",
                      [str(CBENCH), "latency", srv.current_config(), ORDER_OP, CUR_ORDER_PARAMS,
                       *one(s.n_fast, s.warmup)]),
    }
    if python_binding_available(env):
        c["py_binding"] = ("Python binding `bts.Client.call` → dict",
                           [py, str(BENCH / "py" / "bench_py.py"), "binding", cfg, ORDER_OP,
                            ORDER_PARAMS, *one(s.n_script, s.warmup)])
    c["py_ctypes"] = ("Python ctypes on `bts_call` + json.loads → dict",
                      [py, str(BENCH / "py" / "bench_py.py"), "ctypes", cfg, ORDER_OP,
                       ORDER_PARAMS, *one(s.n_script, s.warmup)])
    c["py_requests"] = ("Python `requests.Session().get().json()`",
                        [py, str(BENCH / "py" / "bench_py.py"), "requests", url, TOKEN,
                         *one(s.n_requests, s.warmup_requests)])
    if php_available():
        if php_binding_available():
            c["php_binding"] = ("PHP binding `Bts\\Client::call` → array",
                                [php, str(BENCH / "php" / "bench_php.php"), "binding", cfg, ORDER_OP,
                                 ORDER_PARAMS, *one(s.n_script, s.warmup)])
        c["php_ffi"] = ("PHP FFI on `bts_call` + json_decode → array",
                        [php, str(BENCH / "php" / "bench_php.php"), "ffi", cfg, ORDER_OP,
                         ORDER_PARAMS, *one(s.n_script, s.warmup)])
        c["php_curl"] = ("PHP ext-curl, reused handle, + json_decode → array",
                         [php, str(BENCH / "php" / "bench_php.php"), "curl", url, TOKEN,
                          *one(s.n_script, s.warmup)])
    return c


def measure_latency(s: Settings, srv: Server, env):
    contenders = latency_contenders(s, srv, env)
    per = {k: [] for k in contenders}
    rss = {k: [] for k in contenders}
    failed = {}
    before = srv.stats()
    for r in range(s.rounds):
        log(f"order/detail latency, round {r + 1}/{s.rounds}")
        for key, (_, cmd) in contenders.items():
            if key in failed:
                continue
            res, why = try_json(cmd, env=env)
            if res is None:
                log(f"  {key} FAILED: {why}")
                failed[key] = why
                continue
            per[key].extend(res["runs_us"])
            rss[key].append(res.get("maxrss_kb", -1))
    after = srv.stats()
    if "raw" in failed or "c" in failed:
        raise SystemExit(f"the floor or the C contender failed: {failed}")
    out = {k: {"label": contenders[k][0], "runs_us": per[k], "median_us": statistics.median(per[k]),
               "maxrss_kb": max(rss[k])} for k in contenders if k not in failed}
    out.update({k: {"label": contenders[k][0], "failed": failed[k]} for k in failed})
    served = after["requests"] - before["requests"]
    out["_server"] = {"requests": served, "cpu_us": after["cpu_us"] - before["cpu_us"],
                      "cpu_us_per_request": (after["cpu_us"] - before["cpu_us"]) / max(served, 1)}
    return out


def measure_throughput(s: Settings, srv: Server):
    """Per page size: raw ureq and bts_call on the WMS list page, and the same on the current
    API's order/list page (bts_call hands over `data`, the page without its envelope)."""
    out = {}
    for size in SIZES:
        n, w = s.n_pages[size], s.warm_pages[size]
        cmds = {
            "raw": [str(RUST), "raw", srv.list_url(size), TOKEN, str(n), "1", str(w)],
            "c": [str(CBENCH), "latency", srv.config(size), LIST_OP, LIST_PARAMS, str(n), "1", str(w)],
            "raw_current": [str(RUST), "raw", srv.current_list_url(size), TOKEN, str(n), "1", str(w)],
            "c_current": [str(CBENCH), "latency", srv.current_config(size), CUR_LIST_OP, CUR_LIST_PARAMS,
                          str(n), "1", str(w)],
        }
        runs = {k: [] for k in cmds}
        rss = {k: [] for k in cmds}
        nbytes = {}
        for r in range(s.rounds):
            log(f"throughput {size}, round {r + 1}/{s.rounds}")
            for key, cmd in cmds.items():
                res = run_json(cmd)
                runs[key].extend(res["runs_us"])
                rss[key].append(res["maxrss_kb"])
                nbytes[key] = res["bytes"]
        if nbytes["raw"] != nbytes["c"]:
            raise SystemExit(f"{size}: bts_call returned {nbytes['c']} bytes of data, raw ureq {nbytes['raw']}")
        # the current API's data is its body less the envelope around it
        if not 0 < nbytes["raw_current"] - nbytes["c_current"] < 64:
            raise SystemExit(f"{size}: current API data {nbytes['c_current']} B of a {nbytes['raw_current']} B body")
        out[size] = {}
        for key in cmds:
            med = statistics.median(runs[key])
            out[size][key] = {"median_us": med, "runs_us": runs[key], "bytes": nbytes[key],
                              "mb_s": nbytes[key] / med, "maxrss_kb": max(rss[key])}
    return out


def measure_pid(s: Settings):
    """The fork check's cost per send: one std::process::id() (getpid), timed in a loop."""
    n = 1000 if s.quick else 1_000_000
    res = run_json([str(RUST), "pid", str(n), "2" if s.quick else "5"])
    return {"ns": statistics.median(res["runs_us"]) * 1000}


def measure_check(s: Settings, srv: Server):
    """The response check alone (bts::json_check::check), in memory, on the 10 MiB page and on
    the order/detail body: GB/s = bytes (10^9) per second, median of the runs of one process."""
    out = {}
    for key, url, n in (("10m", srv.list_url("10m"), 2 if s.quick else 20),
                        ("order", srv.order_url(), 200 if s.quick else 100_000)):
        runs = 2 if s.quick else 9
        log(f"response check on the {key} body")
        res = run_json([str(RUST), "check", url, TOKEN, str(n), str(runs)])
        med, utf8 = statistics.median(res["runs_us"]), statistics.median(res["utf8_runs_us"])
        out[key] = {"bytes": res["bytes"], "runs_us": res["runs_us"], "utf8_runs_us": res["utf8_runs_us"],
                    "gb_s": res["bytes"] / med / 1000, "utf8_gb_s": res["bytes"] / utf8 / 1000}
    return out


def callgrind_total_env(cmd, env) -> int:
    """Instructions (Ir) of one run of `cmd` under callgrind, every thread, start-up included."""
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "cg.out"
        sh(["valgrind", "--tool=callgrind", f"--callgrind-out-file={f}", *cmd], env=env, timeout=1800)
        m = re.search(r"^summary:\s+(\d+)", f.read_text(errors="replace"), re.M)
        if not m:
            raise SystemExit("no callgrind summary line")
        return int(m.group(1))


def measure_instructions(s: Settings, srv: Server, env):
    if not shutil.which("valgrind"):
        return None
    out = {}
    php = str(BENCH / "php" / "bench_php.php")
    cmds = {
        "raw": (s.cg, lambda n: [str(RUST), "raw-count", srv.order_url(), TOKEN, str(n)]),
        "c": (s.cg, lambda n: [str(CBENCH), "count", srv.config(), ORDER_OP, ORDER_PARAMS, str(n)]),
        "raw_current": (s.cg, lambda n: [str(RUST), "raw-count", srv.current_order_url(), TOKEN, str(n)]),
        "c_current": (s.cg, lambda n: [str(CBENCH), "count", srv.current_config(), ORDER_OP,
                                       CUR_ORDER_PARAMS, str(n)]),
    }
    if php_available():
        cmds["php_curl"] = (s.cg_php, lambda n: ["php", php, "curl", srv.order_url(), TOKEN, str(n), "1", "0"])
        if php_binding_available():
            cmds["php_binding"] = (s.cg_php, lambda n: ["php", php, "binding", srv.config(), ORDER_OP,
                                                        ORDER_PARAMS, str(n), "1", "0"])
    for key, ((n1, n2), make) in cmds.items():
        log(f"callgrind {key}: {n1} and {n2} calls")
        try:
            i1, i2 = callgrind_total_env(make(n1), env), callgrind_total_env(make(n2), env)
        except SystemExit as e:
            if key.startswith("php"):
                log(f"  {key} FAILED under callgrind: {e}")
                continue
            raise
        out[key] = {"n1": n1, "n2": n2, "i1": i1, "i2": i2, "per_call": (i2 - i1) / (n2 - n1)}
    return out


def measure_syscalls(s: Settings, srv: Server, env):
    """System calls per kept-alive order/detail call, by name: strace -f -c over N and 2N calls
    of raw ureq and of bts_call, (count(2N) - count(N)) / N, so start-up and the first
    connection cancel out."""
    if not shutil.which("strace"):
        return None
    n = 100 if s.quick else 1000
    out = {}
    cmds = {
        "raw": lambda k: [str(RUST), "raw-count", srv.order_url(), TOKEN, str(k)],
        "c": lambda k: [str(CBENCH), "count", srv.config(), ORDER_OP, ORDER_PARAMS, str(k)],
    }
    for key, make in cmds.items():
        counts = []
        for k in (n, 2 * n):
            with tempfile.TemporaryDirectory() as d:
                f = Path(d) / "strace.txt"
                log(f"strace -c {key}: {k} calls")
                run = subprocess.run(["strace", "-f", "-c", "-o", str(f), *make(k)], env=env,
                                     timeout=600, capture_output=True, text=True)
                if run.returncode != 0:
                    # e.g. a container that forbids ptrace: say so in the table
                    why = (run.stderr.strip().splitlines() or ["exit %d" % run.returncode])[-1]
                    log(f"  strace failed: {why}")
                    return {"failed": why[:120]}
                calls = {}
                for line in f.read_text().splitlines():
                    cols = line.split()
                    # % time, seconds, usecs/call, calls, [errors], syscall
                    if len(cols) >= 5 and cols[0][0].isdigit() and cols[-1] != "total":
                        calls[cols[-1]] = int(cols[3])
                counts.append(calls)
        names = set(counts[0]) | set(counts[1])
        per = {m: (counts[1].get(m, 0) - counts[0].get(m, 0)) / n for m in names}
        out[key] = {m: v for m, v in sorted(per.items()) if v >= 0.01}
    return out


def measure_rss(s: Settings, srv: Server):
    warm, n = s.rss
    log(f"RSS growth: {warm} warm-up calls, then {n} more")
    return run_json([str(CBENCH), "rss", srv.config(), ORDER_OP, ORDER_PARAMS, str(warm), str(n)],
                    timeout=1800)


def measure_wrk(s: Settings, srv: Server):
    """wrk -t1 -c1 on the benchmark CPU with the server (like a contender); -t2 -c4, plain and
    with 16 requests pipelined, unpinned with the server free to use every CPU."""
    if not shutil.which("wrk"):
        return None
    out = {}
    for key, threads, conns, pipeline, pinned in (("t1c1", 1, 1, False, True),
                                                  ("t2c4", 2, 4, False, False),
                                                  ("t2c4p16", 2, 4, True, False)):
        srv.pin({CPU} if pinned else ALL_CPUS)
        extra = ["-s", str(BENCH / "wrk" / "pipeline.lua")] if pipeline else []
        log(f"wrk -t{threads} -c{conns} -d{s.wrk_seconds}s {' '.join(extra)}{' (pinned)' if pinned else ''}")
        env = dict(os.environ, WRK_PIPELINE="16")
        text = sh(["wrk", f"-t{threads}", f"-c{conns}", f"-d{s.wrk_seconds}s", *extra,
                   "-H", f"Authorization: Bearer {TOKEN}", "-H", "Accept: application/json",
                   srv.order_url()], env=env, timeout=120, pin=pinned)
        m = re.search(r"Requests/sec:\s+([\d.]+)", text)
        out[key] = float(m.group(1)) if m else None
    return out


def library_facts():
    facts = {}
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d) / "libbts.so"
        shutil.copy(LIBBTS, copy)
        sh(["strip", str(copy)])
        facts["stripped_bytes"] = copy.stat().st_size
    facts["unstripped_bytes"] = LIBBTS.stat().st_size
    dynamic = sh(["readelf", "-d", str(LIBBTS)])
    facts["needed"] = re.findall(r"\(NEEDED\).*\[(.+?)\]", dynamic)
    facts["openssl"] = any(re.match(r"lib(ssl|crypto)\b", n) for n in facts["needed"])
    ldd = sh(["ldd", str(LIBBTS)], check=False)
    facts["openssl"] = facts["openssl"] or bool(re.search(r"lib(ssl|crypto)\.so", ldd))
    symbols = sh(["nm", "--defined-only", str(LIBBTS)], check=False)
    facts["rustls_symbols"] = len(re.findall(r"rustls", symbols))
    tree = sh(["cargo", "tree", "-e", "normal", "--prefix", "none", "-p", "bts"], cwd=ROOT)
    names = sorted({line.split()[0] for line in tree.splitlines() if line.strip()})
    facts["crates"] = names
    return facts


def header_facts():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    php_v = first_line(["php", "-r", 'echo PHP_VERSION, " (ext-curl ", curl_version()["version"], ")";'])
    py_v = platform.python_version()
    req_v = first_line([sys.executable, "-c", "import requests; print(requests.__version__)"])
    ureq_v = "3.5.2"
    lock = (ROOT / "Cargo.lock").read_text() if (ROOT / "Cargo.lock").exists() else ""
    m = re.search(r'name = "ureq"\nversion = "([^"]+)"', lock)
    if m:
        ureq_v = m.group(1)
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "rustc": first_line(["rustc", "--version"]),
        "ureq": ureq_v,
        "python": f"Python {py_v} (requests {req_v})",
        "php": f"PHP {php_v}",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load": " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "n/a",
    }


# --------------------------------------------------------------------------------------------
# the table


def fmt_us(us, best=None):
    tail = f"; best {best:,.1f}" if best is not None else ""
    return f"{us:,.1f} µs ({1e6 / us:,.0f} calls/s{tail})"


def fmt_lat(v):
    return fmt_us(v["median_us"], min(v["runs_us"]))


def yes(ok):
    return "**yes**" if ok else "**NO**"


def table(s: Settings, h, lat, thr, cg, rss, wrk, lib, chk=None, pid=None, sysc=None) -> str:
    rows = []
    add = lambda *cells: rows.append("| " + " | ".join(str(c) for c in cells) + " |")  # noqa: E731
    floor = lat["raw"]["median_us"]
    broken = {k: v for k, v in lat.items() if "failed" in v}
    lat = {k: v for k, v in lat.items() if "failed" not in v}
    # order/detail latency
    what = "order/detail, one kept-alive connection: time per call (calls/s; best round)"
    add(what, lat["raw"]["label"], fmt_lat(lat["raw"]), "1.00× (floor)", "—", "—")
    for key in ("api_json", "api_typed", "api_value"):
        if key not in lat:
            continue
        r = lat[key]["median_us"] / floor
        add("", lat[key]["label"], fmt_lat(lat[key]), f"{r:.2f}× floor", "—", "—")
    rc = lat["c"]["median_us"] / floor
    add("", lat["c"]["label"], fmt_lat(lat["c"]), f"{rc:.2f}× floor", "≤ 1.08× floor", yes(rc <= 1.08))
    if "raw_current" in lat and "c_current" in lat:
        cur_floor = lat["raw_current"]["median_us"]
        add("", lat["raw_current"]["label"], fmt_lat(lat["raw_current"]), "1.00× (its floor)", "—", "—")
        rcc = lat["c_current"]["median_us"] / cur_floor
        slice_us = (lat["c_current"]["median_us"] - cur_floor) - (lat["c"]["median_us"] - floor)
        add("", lat["c_current"]["label"], fmt_lat(lat["c_current"]), f"{rcc:.2f}× its floor",
            "—", "—")
        slice_row = ("the current API's `data` slice, per call: (C current − its floor) − (C legacy − floor)",
                     "`bts_call` from C", f"{slice_us:+.2f} µs",
                     f"{slice_us / lat['c']['median_us'] * 100:+.1f}% of a call", "—", "—")
    req = lat["py_requests"]["median_us"] if "py_requests" in lat else float("nan")
    for key in ("py_binding", "py_ctypes"):
        if key in lat:
            sp = req / lat[key]["median_us"]
            is_binding = key == "py_binding"
            add("", lat[key]["label"], fmt_lat(lat[key]), f"{sp:.2f}× requests' calls/s",
                "≥ 20× requests" if is_binding else "(C ABI alone)", yes(sp >= 20) if is_binding else "—")
    if "py_requests" in lat:
        add("", lat["py_requests"]["label"], fmt_lat(lat["py_requests"]), "1.00× (peer)", "—", "—")
    if "php_curl" in lat:
        curl = lat["php_curl"]["median_us"]
        for key in ("php_binding", "php_ffi"):
            if key in lat:
                sp = curl / lat[key]["median_us"]
                need = 1.0 if key == "php_binding" else 1.10
                add("", lat[key]["label"], fmt_lat(lat[key]), f"{sp:.2f}× curl's calls/s",
                    f"≥ {need:.2f}× curl", yes(sp >= need))
        add("", lat["php_curl"]["label"], fmt_lat(lat["php_curl"]), "1.00× (peer)", "—", "—")
    for key, v in broken.items():
        add("", v["label"], f"FAILED: {v['failed']}", "—", "—", "**NO**" if key in ("py_binding", "php_binding") else "—")
    if "raw_current" in lat and "c_current" in lat:
        add(*slice_row)
    # instructions
    if cg:
        raw_i, c_i = cg["raw"]["per_call"], cg["c"]["per_call"]
        n1, n2 = cg["raw"]["n1"], cg["raw"]["n2"]
        what = f"client instructions per order/detail call (callgrind, (I({n2})−I({n1}))/{n2 - n1})"
        add(what, "raw ureq (Rust)", f"{raw_i:,.0f} Ir", "1.00× (floor)", "—", "—")
        ri = c_i / raw_i
        add("", "`bts_call` from C", f"{c_i:,.0f} Ir", f"{ri:.2f}× floor", "≤ 1.20× floor", yes(ri <= 1.20))
        if "raw_current" in cg and "c_current" in cg:
            rci, cci = cg["raw_current"]["per_call"], cg["c_current"]["per_call"]
            add("", "raw ureq, current API order/detail", f"{rci:,.0f} Ir", "1.00× (its floor)", "—", "—")
            add("", "`bts_call` from C, current API", f"{cci:,.0f} Ir", f"{cci / rci:.2f}× its floor",
                "—", "—")
        if "php_curl" in cg and "php_binding" in cg:
            pc, pb = cg["php_curl"], cg["php_binding"]
            what = f"PHP process instructions per order/detail call, to array (callgrind, (I({pc['n2']})−I({pc['n1']}))/{pc['n2'] - pc['n1']})"
            add(what, "PHP ext-curl + json_decode", f"{pc['per_call']:,.0f} Ir", "1.00× (peer)", "—", "—")
            add("", "PHP binding `Bts\\Client::call`", f"{pb['per_call']:,.0f} Ir",
                f"{pb['per_call'] / pc['per_call']:.2f}× curl's instructions", "(the same target, without the noise)", "—")
    else:
        add("client instructions per call", "(valgrind not installed)", "—", "—", "≤ 1.20× floor", "not measured")
    # throughput: time per page, bts_call against raw ureq reading the same body
    limits = {"10k": 1.15, "1m": 1.25, "10m": 1.25}
    for size in SIZES:
        raw, c = thr[size]["raw"], thr[size]["c"]
        kib = raw["bytes"] / 1024
        label = f"{kib:,.0f} KiB" if kib < 1024 else f"{kib / 1024:,.2f} MiB"
        what = f"list page of {label} (wms/product/clients): time per page (throughput)"
        page = lambda v: f"{v['median_us'] / 1000:,.2f} ms/page ({v['mb_s']:,.0f} MB/s)"  # noqa: E731
        add(what, "raw ureq (Rust)", page(raw), "1.00× (floor)", "—", "—")
        r = c["median_us"] / raw["median_us"]
        add("", "`bts_call` from C", page(c), f"{r:.2f}× floor's time", f"≤ {limits[size]:.2f}×",
            yes(r <= limits[size]))
        if "c_current" in thr[size]:
            rawc, cc = thr[size]["raw_current"], thr[size]["c_current"]
            add("", "raw ureq, the current API's order/list page of the same size", page(rawc),
                "1.00× (its floor)", "—", "—")
            add("", "`bts_call` from C, current API (`data` cut out of its envelope)", page(cc),
                f"{cc['median_us'] / rawc['median_us']:.2f}× its floor's time", "—", "—")
    if chk:
        big, order = chk["10m"], thr["10m"]["raw"]
        share = big["bytes"] / (big["gb_s"] * 1000) / order["median_us"]
        add(f"response check alone (`json_check::check`, in memory) on the {big['bytes'] / 1024 / 1024:,.2f} MiB page",
            "bts (bench-rust check)",
            f"{big['gb_s']:.2f} GB/s ({chk['order']['gb_s']:.2f} GB/s on the {chk['order']['bytes']:,} B order/detail body); "
            f"UTF-8 validation {big['utf8_gb_s']:.2f} GB/s",
            f"{share * 100:.0f}% of raw ureq's time per page", "—", "—")
    if pid:
        add("the fork check, per send (one getpid and a compare; bench-rust pid)", "bts",
            f"{pid['ns']:.1f} ns", f"{pid['ns'] / 1000 / lat['c']['median_us'] * 100:.2f}% of a `bts_call`",
            "—", "—")
    what = "system calls per kept-alive order/detail call (strace -f -c, (count(2N) − count(N)) / N)"
    if sysc is None:
        add(what, "(strace not installed)", "—", "—", "—", "not measured")
    elif "failed" in sysc:
        add(what, f"(strace failed: {sysc['failed']})", "—", "—", "—", "not measured")
    else:
        for key, label in (("raw", "raw ureq (Rust)"), ("c", "`bts_call` from C")):
            per = sysc[key]
            add(what, label, f"{sum(per.values()):.2f}: " + ", ".join(f"{m} {v:.2f}" for m, v in per.items()),
                "—", "—", "—")
            what = ""
    # library facts
    mib = lib["stripped_bytes"] / 1024 / 1024
    tls = lib["rustls_symbols"] > 0
    add("libbts.so stripped (strip of a copy of target/release/libbts.so)", "bts",
        f"{lib['stripped_bytes']:,} B = {mib:.2f} MiB (unstripped {lib['unstripped_bytes'] / 1024 / 1024:.2f} MiB)",
        f"TLS: rustls {'linked' if tls else 'NOT found'}", "≤ 2.0 MiB with TLS", yes(mib <= 2 and tls))
    add("libbts.so dynamic dependencies (readelf -d NEEDED, ldd)", "bts", ", ".join(lib["needed"]),
        "OpenSSL: " + ("linked" if lib["openssl"] else "none"), "no libssl/libcrypto", yes(not lib["openssl"]))
    add("crates in the default dependency tree (cargo tree -e normal, unique names)", "bts",
        f"{len(lib['crates'])} (bts + {len(lib['crates']) - 1})", "—", "—", "—")
    add("peak RSS of the C benchmark process (VmHWM: getrusage's ru_maxrss carries the Python parent's peak across exec)", "`bts_call` from C",
        f"{lat['c']['maxrss_kb'] / 1024:.1f} MiB (order/detail); {thr['10m']['c']['maxrss_kb'] / 1024:.1f} MiB (10 MiB pages; raw ureq {thr['10m']['raw']['maxrss_kb'] / 1024:.1f} MiB)",
        "—", "—", "—")
    growth = rss["rss_after_kb"] - rss["rss_before_kb"]
    add(f"RSS growth over {rss['calls']:,} `bts_call` calls (/proc/self/statm, after {s.rss[0]:,} warm-up calls)",
        "`bts_call` from C", f"{growth:+,} KiB ({rss['rss_before_kb']:,} → {rss['rss_after_kb']:,} KiB)",
        "—", "< 1 MiB", yes(growth < 1024))
    # server headroom
    contenders = [k for k in lat if not k.startswith("_")]
    fastest_key = min(contenders, key=lambda k: lat[k]["median_us"])
    fastest = 1e6 / lat[fastest_key]["median_us"]
    what = "shared server headroom (order/detail URL; fastest contender: " \
        f"{lat[fastest_key]['label'].split(' (')[0]}, {fastest:,.0f} calls/s)"
    if wrk:
        for key, label in (("t1c1", "wrk -t1 -c1 (pinned like the contenders)"),
                           ("t2c4", "wrk -t2 -c4 (unpinned)"),
                           ("t2c4p16", "wrk -t2 -c4, 16 requests pipelined (unpinned)")):
            v = wrk.get(key)
            if v:
                last = key == "t2c4p16"
                add(what, f"{label} -d{s.wrk_seconds}s", f"{v:,.0f} requests/s",
                    f"{v / fastest:.1f}× the fastest contender", "several ×" if last else "—",
                    yes(v / fastest >= 3) if last else "—")
                what = ""
    else:
        add(what, "(wrk not installed)", "—", "—", "—", "not measured")
        what = ""
    sv = lat["_server"]
    add(what, "bench-server's own CPU per request (getrusage, during the latency runs)",
        f"{sv['cpu_us_per_request']:.1f} µs ({sv['requests']:,} requests)",
        f"{sv['cpu_us_per_request'] / lat[fastest_key]['median_us']:.2f}× the fastest call's time", "—", "—")

    head = (f"**bts benchmark** — {h['nproc']} × {h['cpu']} (nproc {h['nproc']}; load at start {h['load']}); "
            f"{h['rustc']}; ureq {h['ureq']}; {h['python']}; {h['php']}; {h['date']}. "
            f"Server and each contender pinned to CPU {CPU} (one core: no cross-CPU wake-ups). "
            f"Medians of {s.rounds} rounds (each round: every contender in a fresh process, warm-up, then one timed run)"
            f"{'; QUICK MODE: tiny counts, numbers are not meaningful' if s.quick else ''}.\n\n")
    return head + "| measurement | contender | result (median) | ratio | target | met |\n" \
        "|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="tiny counts of everything (seconds)")
    ap.add_argument("--no-build", action="store_true", help="use the binaries already built")
    args = ap.parse_args()
    quick = args.quick or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    s = Settings(quick)
    if not args.no_build:
        build(s)
    for f in (LIBBTS, SERVER, RUST, CBENCH):
        if not f.exists():
            raise SystemExit(f"missing {f}: run without --no-build")
    h = header_facts()
    srv = Server()
    try:
        log(f"bench-server on port {srv.port}; body sizes {srv.sizes}")
        env = env_for_bindings()
        t0 = time.time()
        wrk = measure_wrk(s, srv)
        srv.pin({CPU})  # the contenders: server and client on one CPU
        lat = measure_latency(s, srv, env)
        thr = measure_throughput(s, srv)
        chk = measure_check(s, srv)
        cg = measure_instructions(s, srv, env)
        rss = measure_rss(s, srv)
        pid = measure_pid(s)
        sysc = measure_syscalls(s, srv, env)
        lib = library_facts()
        srv.pin(ALL_CPUS)  # latency-bound rows: the server's threads mostly sleep
        conc = concurrency.measure(srv.base, env, s.quick)
        log(f"measured in {time.time() - t0:.0f} s")
    finally:
        srv.stop()
    text = table(s, h, lat, thr, cg, rss, wrk, lib, chk, pid, sysc) + "\n" + concurrency.table(conc, s.quick)
    TARGET.mkdir(exist_ok=True)
    (TARGET / "results.md").write_text(text)
    (TARGET / "results.json").write_text(json.dumps(
        {"quick": quick, "header": h, "latency": lat, "throughput": thr, "callgrind": cg, "rss": rss,
         "wrk": wrk, "library": lib, "check": chk, "pid": pid, "syscalls": sysc,
         "concurrency": conc, "server_sizes": srv.sizes}, indent=1))
    print(text)


if __name__ == "__main__":
    main()
