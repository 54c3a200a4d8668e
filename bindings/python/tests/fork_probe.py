"""Fork probe, run by tests/faults.rs and tests/fork.rs (not a pytest module).

A client makes a pooled call, the process forks, then parent and child call at the same time,
each checking that every reply is its own: `order/detail` of its own order (read mode), or
`order/add` with its own `clientId`, which the reply echoes (write mode). Prints one JSON line:
{"parent": {"calls", "wrong", "errors"}, "child": {...}}.

Environment: BTS_CONFIG (JSON), BTS_FORK_MODE (read|write), BTS_FORK_CALLS,
BTS_FORK_ORDERS ([parent's order, child's order]), BTS_FORK_BODY (an order/add body),
BTS_LIBRARY.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bts  # noqa: E402



def run(client, who, mode, calls, own_order, body):
    wrong, errors = [], []
    for i in range(calls):
        try:
            if mode == "read":
                got = client.call("order/detail", {"orderId": own_order}).get("orderId")
                want = own_order
            else:
                want = f"{who}-{os.getpid()}-{i}"
                got = client.call("order/add", dict(body, clientId=want)).get("clientId")
        except bts.BtsError as e:
            errors.append(f"{e.kind}: {e}")
            continue
        if got != want:
            wrong.append(f"asked {want}, got {got}")
    if len(wrong) > 10:
        wrong = wrong[:10] + [f"... {len(wrong)} in all"]
    return {"calls": calls, "wrong": wrong, "errors": errors[:10]}


def main():
    client = bts.Client(json.loads(os.environ["BTS_CONFIG"]))
    mode = os.environ.get("BTS_FORK_MODE", "read")
    calls = int(os.environ.get("BTS_FORK_CALLS", "100"))
    orders = json.loads(os.environ.get("BTS_FORK_ORDERS", "[0, 0]"))
    body = json.loads(os.environ.get("BTS_FORK_BODY", "{}"))
    client.call("directory/regions")  # the kept-alive connection the child inherits
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            os.close(r)
            result = run(client, "child", mode, calls, orders[1], body)
            with os.fdopen(w, "w") as out:
                out.write(json.dumps(result))
            code = 0
        finally:
            os._exit(code)
    os.close(w)
    parent = run(client, "parent", mode, calls, orders[0], body)
    with os.fdopen(r) as inp:
        text = inp.read()
    _, status = os.waitpid(pid, 0)
    child = json.loads(text) if text else {"calls": 0, "wrong": [], "errors": [f"child exit {status}"]}
    print(json.dumps({"parent": parent, "child": child}))


if __name__ == "__main__":
    main()
