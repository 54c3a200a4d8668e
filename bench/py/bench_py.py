"""The Python contenders of the benchmark, one per process.

    python3 bench_py.py binding  CONFIG OP PARAMS N RUNS WARMUP   bts.Client(config).call(op, params)
    python3 bench_py.py ctypes   CONFIG OP PARAMS N RUNS WARMUP   bts_call through ctypes + json.loads
    python3 bench_py.py requests URL TOKEN N RUNS WARMUP          requests.Session().get(url).json()

Every contender ends with the server's JSON as Python objects (a dict), so they do the same
work. One client or session (one kept-alive connection), WARMUP calls, then RUNS runs of N
calls; prints one JSON line with the time per call of every run in µs.

`binding` needs bindings/python on PYTHONPATH and BTS_LIBRARY pointing at libbts.so;
`ctypes` needs only BTS_LIBRARY: it isolates the cost of the C ABI from the binding's own
Python code.
"""

import ctypes
import json
import os
import resource
import sys
import time


def measure(n, runs, warmup, call):
    result = None
    for _ in range(warmup):
        result = call()
    per_call = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        for _ in range(n):
            result = call()
        per_call.append((time.perf_counter_ns() - start) / 1000.0 / n)
    if not isinstance(result, dict):
        sys.exit(f"unexpected result: {str(result)[:300]}")
    print(json.dumps({
        "runs_us": [round(v, 3) for v in per_call],
        "keys": len(result),
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    mode = argv[1]
    if mode == "requests":
        import requests

        url, token = argv[2], argv[3]
        n, runs, warmup = (int(a) for a in argv[4:7])
        session = requests.Session()
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

        def call():
            r = session.get(url, headers=headers)
            r.raise_for_status()
            return r.json()

        measure(n, runs, warmup, call)
    elif mode == "binding":
        import bts

        config, op, params = json.loads(argv[2]), argv[3], json.loads(argv[4])
        n, runs, warmup = (int(a) for a in argv[5:8])
        client = bts.Client(config)
        measure(n, runs, warmup, lambda: client.call(op, params))
    elif mode == "ctypes":
        lib = ctypes.CDLL(os.environ["BTS_LIBRARY"])
        lib.bts_client_new.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.bts_client_new.restype = ctypes.c_void_p
        lib.bts_call.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.bts_call.restype = ctypes.c_void_p  # keep the pointer to free it
        lib.bts_string_free.argtypes = [ctypes.c_void_p]
        lib.bts_string_free.restype = None
        config, op, params = argv[2].encode(), argv[3].encode(), argv[4].encode()
        n, runs, warmup = (int(a) for a in argv[5:8])
        err = ctypes.c_void_p()
        handle = lib.bts_client_new(config, ctypes.byref(err))
        if not handle:
            sys.exit("bts_client_new failed: " + ctypes.string_at(err.value).decode())
        bts_call, string_at, free, loads = lib.bts_call, ctypes.string_at, lib.bts_string_free, json.loads

        def call():
            p = bts_call(handle, op, params)
            try:
                envelope = loads(string_at(p))
            finally:
                free(p)
            if envelope.get("ok") is not True:
                sys.exit(f"bts_call failed: {envelope}")
            return envelope["data"]

        measure(n, runs, warmup, call)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
