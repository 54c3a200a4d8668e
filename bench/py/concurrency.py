"""The Python contenders of the concurrency rows (bench/concurrency.py), one per process:

    python3 concurrency.py requests-threads URL_PREFIX TOKEN CALLS PARALLEL
        requests, PARALLEL threads (a Session each), call i asks order/track of id 1000+i
    python3 concurrency.py bts-batch CONFIG CALLS PARALLEL
        client.batch([...], concurrency=PARALLEL), the Python binding
    python3 concurrency.py bts-pages CONFIG PAGE_CONCURRENCY
        client.call("wms/product/clients", {"all_pages": True}) with page_concurrency set

Prints one JSON line {"seconds": wall time, "ok": replies decoded (items for bts-pages)}.
"""

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def report(started, ok):
    print(json.dumps({"seconds": round(time.perf_counter() - started, 4), "ok": ok}))


def main():
    mode = sys.argv[1]
    if mode == "requests-threads":
        import requests

        prefix, token, calls, parallel = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        local = threading.local()
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}

        def one(i):
            session = getattr(local, "session", None)
            if session is None:
                session = local.session = requests.Session()
            r = session.get(f"{prefix}?r=v1/order/track&id={1000 + i}", headers=headers)
            return r.status_code == 200 and isinstance(r.json(), dict)

        started = time.perf_counter()
        with ThreadPoolExecutor(parallel) as pool:
            ok = sum(pool.map(one, range(calls)))
        report(started, ok)
    elif mode == "bts-batch":
        import bts

        config, calls, parallel = json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
        client = bts.Client(config)
        started = time.perf_counter()
        results = client.batch([("order/track", {"orderId": 1000 + i}) for i in range(calls)],
                               concurrency=parallel)
        report(started, sum(isinstance(r, dict) for r in results))
    elif mode == "bts-pages":
        import bts

        config = json.loads(sys.argv[2])
        config["page_concurrency"] = int(sys.argv[3])
        client = bts.Client(config)
        started = time.perf_counter()
        items = client.call("wms/product/clients", {"all_pages": True})
        report(started, len(items))
    else:
        sys.exit("usage: see the docstring of concurrency.py")


if __name__ == "__main__":
    main()
