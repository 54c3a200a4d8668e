"""Fork safety: a client used before os.fork() never hands its kept-alive socket to a child.

Without it, a parent and its children (gunicorn --preload, Celery prefork, multiprocessing)
read replies from one shared socket: a child asking for order 1001 gets order 1000. Every test
here makes a pooled call first, then forks, then checks that every reply is for the order the
process asked for, while the parent keeps calling too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Dict, List

import bts

from conftest import ORDER, PACKAGE_ROOT

CHILDREN = 4
CALLS_PER_CHILD = 300
ORDERS_PER_CHILD = 3


def _create_orders(client: bts.Client, n: int) -> List[int]:
    ids = []
    for i in range(n):
        order = dict(ORDER, clientId=f"fork-{os.getpid()}-{i}-{time.monotonic_ns()}")
        ids.append(int(client.order_add(order)["orderId"]))
    assert len(set(ids)) == n
    return ids


def _check_own_replies(client: bts.Client, own: List[int], calls: int) -> List[str]:
    """Asks for each of `own` in turn; returns a line per reply that was not that order's."""
    wrong = []
    for i in range(calls):
        want = own[i % len(own)]
        try:
            got = client.order_detail(want).get("orderId")
        except bts.BtsError as e:
            wrong.append(f"asked {want}: {e.kind}: {e}")
            continue
        if got != want:
            wrong.append(f"asked {want}, got {got}")
    return wrong


def _fork_children(client: bts.Client, per_child: List[List[int]], report: Path) -> List[int]:
    """Forks one child per order list; each writes its wrong replies to report/<n>.json and
    leaves with os._exit (no Python shutdown in the child)."""
    pids = []
    for n, own in enumerate(per_child):
        pid = os.fork()
        if pid == 0:  # the child
            code = 3
            try:
                wrong = _check_own_replies(client, own, CALLS_PER_CHILD)
                (report / f"{n}.json").write_text(json.dumps(wrong[:20] + [len(wrong)]))
                code = 0 if not wrong else 1
            finally:
                os._exit(code)
        pids.append(pid)
    return pids


def test_forked_children_get_only_their_own_orders(sandbox):
    client = bts.Client(sandbox.config(timeout_ms=10000))
    orders = _create_orders(client, CHILDREN * ORDERS_PER_CHILD + 1)  # pooled calls
    per_child = [orders[i::CHILDREN][:ORDERS_PER_CHILD] for i in range(CHILDREN)]
    parent_order = orders[-1]
    sandbox.reset_counts()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp)
        pids = _fork_children(client, per_child, report)
        # The parent keeps calling on its own pool while the children run.
        parent_wrong = _check_own_replies(client, [parent_order], CALLS_PER_CHILD)
        failures = []
        for n, pid in enumerate(pids):
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            if code != 0:
                path = report / f"{n}.json"
                detail = path.read_text() if path.exists() else "no report"
                failures.append(f"child {n} (orders {per_child[n]}) exit {code}: {detail}")
    assert parent_wrong == [], parent_wrong[:10]
    assert failures == [], "\n".join(failures)
    # Every call reached the server exactly once: no retry hid a mixed-up connection.
    assert sandbox.counts().get("order/detail") == (CHILDREN + 1) * CALLS_PER_CHILD
    # The parent's client still works after its children are gone.
    assert client.order_detail(parent_order)["orderId"] == parent_order
    client.close()


def test_a_child_keeps_the_parents_token(sandbox):
    client = bts.Client(sandbox.config())
    client.auth_get_token()
    sandbox.reset_counts()
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            client.call("directory/regions")
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    counts = sandbox.counts()
    assert counts.get("directory/regions") == 1
    assert counts.get("auth/get-token", 0) == 0, "the child reused the token, not the socket"


PRELOAD_APP = textwrap.dedent(
    """
    # A gunicorn --preload style program: the application module makes its client and a call
    # at import, in the master; then the master forks workers that serve requests with it.
    import json, os, sys
    sys.path.insert(0, os.environ["BTS_PACKAGE_ROOT"])
    import bts

    CLIENT = bts.Client(json.loads(os.environ["BTS_TEST_CONFIG"]))
    ORDERS = json.loads(os.environ["BTS_TEST_ORDERS"])
    CLIENT.call("directory/regions")  # warms the pool in the master, as an app's import might

    def serve(own):
        wrong = 0
        for i in range(int(os.environ["BTS_TEST_CALLS"])):
            want = own[i % len(own)]
            if CLIENT.order_detail(want).get("orderId") != want:
                wrong += 1
        return wrong

    workers = []
    for own in ORDERS:
        pid = os.fork()
        if pid == 0:
            try:
                os._exit(0 if serve(own) == 0 else 1)
            except BaseException:
                os._exit(2)
        workers.append(pid)
    master_wrong = serve([ORDERS[0][0]])
    bad = 0
    for pid in workers:
        _, status = os.waitpid(pid, 0)
        bad += os.waitstatus_to_exitcode(status) != 0
    print(json.dumps({"bad_workers": bad, "master_wrong": master_wrong}))
    """
)


def test_preload_style_program_forks_after_import_and_a_call(sandbox):
    client = bts.Client(sandbox.config())
    orders = _create_orders(client, CHILDREN * 2)
    client.close()
    per_worker = [orders[i::CHILDREN] for i in range(CHILDREN)]
    env = dict(
        os.environ,
        BTS_PACKAGE_ROOT=str(PACKAGE_ROOT),
        BTS_TEST_CONFIG=json.dumps(sandbox.config(timeout_ms=10000)),
        BTS_TEST_ORDERS=json.dumps(per_worker),
        BTS_TEST_CALLS="200",
    )
    out = subprocess.run(
        [sys.executable, "-c", PRELOAD_APP],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    result: Dict[str, int] = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"bad_workers": 0, "master_wrong": 0}, out.stdout
