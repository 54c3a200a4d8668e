"""The concurrency rows of the benchmark: many calls against a server with a fixed latency.

What a shop waits for is BTS's round trips, so these rows are latency-bound: bench-server
answers every request after DELAY ms (its `/delay/MS/` prefix; a thread per connection, so
requests wait side by side), and each contender makes CALLS `order/track` calls (one process
each; the median of three runs, one run for the sequential ones). Each is printed as a multiple
of its floor, ceil(calls / concurrency) × delay: the time the calls take if every round trip
were the delay and nothing else.

Contenders: PHP sequential curl, PHP curl_multi, PHP Guzzle's Pool (Debian's
php-guzzlehttp-guzzle), Python requests with threads, and bts's `batch` from C, Python and PHP;
then `all_pages` of a PAGES-page WMS list at page_concurrency 8 (floor: (1 + ceil((PAGES - 1) /
8)) × delay) and at 1.

Run by bench/run (harness.py) after its other rows, or alone after a build:
    python3 bench/concurrency.py
"""

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TARGET = BENCH / "target"
BATCH_C = TARGET / "bench_batch_c"
GUZZLE = Path("/usr/share/php/GuzzleHttp/autoload.php")
TOKEN = "bench-token"

DELAY_MS = 50
CALLS = 200
PARALLEL = 16
PAGES = 64
PAGE_CONCURRENCY = 8
RUNS = 3

# Targets of the issue that asked for these rows.
TARGET_BATCH = 1.15
TARGET_PAGES = 1.15


def log(*parts):
    print("[concurrency]", *parts, file=sys.stderr, flush=True)


def build_c(libbts: Path):
    cc = os.environ.get("CC", "cc")
    log(f"{cc} -O2 bench/c/batch_c.c -> {BATCH_C}")
    subprocess.run([cc, "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", f"-I{ROOT / 'include'}",
                    str(BENCH / "c" / "batch_c.c"), f"-L{libbts.parent}", "-l:libbts.so",
                    f"-Wl,-rpath,{libbts.parent}", "-o", str(BATCH_C)], check=True)


def run(cmd, env, times=1):
    """One contender, `times` runs (each a fresh process): the run of median time's
    {"seconds","ok"} line, or None and the first reason one failed."""
    results = []
    for _ in range(times):
        result, error = run_once(cmd, env)
        if error:
            return None, error
        results.append(result)
    results.sort(key=lambda r: r["seconds"])
    return results[len(results) // 2], None


def run_once(cmd, env):
    """One run of a contender: its {"seconds","ok"} line, or None and the reason."""
    try:
        p = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True,
                           timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        return None, (p.stderr or p.stdout).strip()[-300:]
    return json.loads(lines[-1]), None


def measure(base: str, env, quick=False):
    """Runs every contender against the server at `base` (http://127.0.0.1:PORT); returns rows
    (label, calls, concurrency, seconds or None, floor seconds, ok count or error text)."""
    calls = 40 if quick else CALLS
    pages = 16 if quick else PAGES
    prefix = f"{base}/delay/{DELAY_MS}/index.php"
    config = json.dumps({"base_url": prefix, "token": TOKEN,
                         "wms_base_url": f"{base}/delay/{DELAY_MS}/pages/{pages}",
                         "wms_token": TOKEN, "timeout_ms": 120000})
    php = shutil.which("php")
    php_ffi = [php, "-d", "ffi.enable=1"] if php else None
    contenders = [
        ("PHP curl, one call after the other", 1, php_ffi and
         php_ffi + [BENCH / "php" / "concurrency.php", "curl-seq", prefix, TOKEN, calls]),
        (f"PHP curl_multi, {PARALLEL} handles", PARALLEL, php_ffi and
         php_ffi + [BENCH / "php" / "concurrency.php", "curl-multi", prefix, TOKEN, calls, PARALLEL]),
        (f"PHP Guzzle Pool, concurrency {PARALLEL}", PARALLEL, php_ffi and GUZZLE.is_file() and
         php_ffi + [BENCH / "php" / "concurrency.php", "guzzle-pool", prefix, TOKEN, calls, PARALLEL]),
        (f"Python requests, {PARALLEL} threads", PARALLEL,
         [sys.executable, BENCH / "py" / "concurrency.py", "requests-threads", prefix, TOKEN, calls, PARALLEL]),
        (f"bts batch from C, concurrency {PARALLEL}", PARALLEL,
         BATCH_C.exists() and [BATCH_C, config, calls, PARALLEL]),
        (f"bts batch from Python, concurrency {PARALLEL}", PARALLEL,
         [sys.executable, BENCH / "py" / "concurrency.py", "bts-batch", config, calls, PARALLEL]),
        (f"bts batch from PHP, concurrency {PARALLEL}", PARALLEL, php_ffi and
         php_ffi + [BENCH / "php" / "concurrency.php", "bts-batch", config, calls, PARALLEL]),
    ]
    rows = []
    for label, parallel, cmd in contenders:
        floor = math.ceil(calls / parallel) * DELAY_MS / 1000
        if not cmd:
            rows.append((label, calls, parallel, None, floor, "not installed"))
            continue
        log(label)
        # Three runs each and their median (the concurrent ones take under a second; on a busy
        # machine a single run moves by tens of ms); the sequential one takes 10 s: one run.
        result, error = run(cmd, env, 1 if parallel == 1 or quick else RUNS)
        rows.append((label, calls, parallel, result and result["seconds"], floor,
                     error or result["ok"]))
    for pc in (PAGE_CONCURRENCY, 1):
        label = f"bts all_pages of {pages} pages, page_concurrency {pc} (Python)"
        floor = (1 + math.ceil((pages - 1) / pc)) * DELAY_MS / 1000
        log(label)
        result, error = run([sys.executable, BENCH / "py" / "concurrency.py", "bts-pages", config, pc],
                            env, 1 if pc == 1 or quick else RUNS)
        rows.append((label, pages, pc, result and result["seconds"], floor,
                     error or result["ok"]))
    return rows


def table(rows, quick=False) -> str:
    head = (f"**Concurrency** — a server answering every request after {DELAY_MS} ms; the median "
            f"of {RUNS} runs (one for the sequential rows), each in a fresh process"
            f"{'; QUICK MODE' if quick else ''}. Floor = ceil(calls / concurrency) × "
            f"{DELAY_MS} ms (pages: (1 + ceil((pages − 1) / page_concurrency)) × {DELAY_MS} ms). "
            "The `order/track` calls get the recorded order body.\n\n")
    out = [head, "| contender | calls | at once | time | floor | × floor | answers ok | target | met |",
           "|---|---|---|---|---|---|---|---|---|"]
    multi = next((r[3] for r in rows if r[0].startswith("PHP curl_multi") and r[3]), None)
    for label, calls, parallel, seconds, floor, ok in rows:
        if seconds is None:
            out.append(f"| {label} | {calls} | {parallel} | not measured | {floor:.2f} s | — | {ok} | — | — |")
            continue
        ratio = seconds / floor
        target, met = "—", "—"
        if label.startswith("bts batch"):
            target = f"≤ {TARGET_BATCH}× floor, ≤ curl_multi"
            met = "yes" if ratio <= TARGET_BATCH and (multi is None or seconds <= multi) else "no"
        elif "page_concurrency 8" in label:
            target = f"≤ {TARGET_PAGES}× floor"
            met = "yes" if ratio <= TARGET_PAGES else "no"
        out.append(f"| {label} | {calls} | {parallel} | {seconds:.3f} s | {floor:.2f} s | "
                   f"{ratio:.2f}× | {ok} | {target} | {met} |")
    return "\n".join(out) + "\n"


def main():
    server = TARGET / "release" / "bench-server"
    libbts = ROOT / "target" / "release" / "libbts.so"
    for f in (server, libbts):
        if not f.exists():
            sys.exit(f"missing {f}: run bench/run first (it builds them)")
    build_c(libbts)
    proc = subprocess.Popen([str(server)], stdout=subprocess.PIPE, text=True)
    try:
        port = proc.stdout.readline().split(":")[-1].strip()
        env = dict(os.environ)
        env["BTS_LIBRARY"] = str(libbts)
        env["BTS_HEADER"] = str(ROOT / "include" / "bts_ffi.h")
        env["PYTHONPATH"] = str(ROOT / "bindings" / "python") + os.pathsep + env.get("PYTHONPATH", "")
        quick = "--quick" in sys.argv
        text = table(measure(f"http://127.0.0.1:{port}", env, quick), quick)
    finally:
        proc.terminate()
        proc.wait(5)
    TARGET.mkdir(exist_ok=True)
    (TARGET / "concurrency.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
