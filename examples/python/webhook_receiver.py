"""Receive BTS status notifications (the current courier API's webhook) with http.server.

    BTS_CONFIG='{"courier_api": "current", ...}' BTS_WEBHOOK_KEY=secret \\
        python3 examples/python/webhook_receiver.py [--port 8080]

Register the printed URL with ``webhook/config`` (``{"webhook_url": URL, "environment": "test",
"has_token": true, "itx-apiKey": KEY}``). Every POST goes through ``webhook/parse`` with the
key: a notification whose key is wrong or missing is refused with 401 and not printed; a good one
is answered 200 and printed as one JSON line ``{"orderId", "status", "name"}``. The first line
printed is ``{"listening": URL}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, Type

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bindings", "python"))
import bts  # noqa: E402


def handler(client: bts.Client, key: str) -> Type[BaseHTTPRequestHandler]:
    """A request handler that parses each POST with ``webhook/parse`` and ``key``."""

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace")
            headers: Dict[str, str] = {k: v for k, v in self.headers.items()}
            try:
                event = client.webhook_parse({
                    "body": body,
                    "content_type": self.headers.get("Content-Type", ""),
                    "headers": headers,
                    "key": key,
                })
            except bts.AuthError:
                self.answer(401, "wrong key")
                return
            except bts.BtsError as err:
                self.answer(400, err.message)
                return
            status = event.get("status", {})
            code = int(status.get("code") or status.get("id") or 0)
            name = bts.Status(code).en if code in set(bts.Status) else status.get("name", "")
            print(json.dumps({"orderId": event.get("orderId"), "status": code, "name": name}),
                  flush=True)
            self.answer(200, "ok")

        def answer(self, code: int, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # stdout carries the notifications only

    return Receiver


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8080, help="0 picks a free port")
    args = parser.parse_args()
    client = bts.Client(json.loads(os.environ["BTS_CONFIG"]))
    key = os.environ["BTS_WEBHOOK_KEY"]
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(client, key))
    print(json.dumps({"listening": f"http://127.0.0.1:{server.server_address[1]}/hook"}),
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        client.close()


if __name__ == "__main__":
    main()
