"""``python -m bts``: the package's small command line.

    python -m bts version                        the library's version (bts_version())
    python -m bts sandbox [--listen ADDR]        the offline BTS emulator (bts-sandbox)

``sandbox`` runs the ``bts-sandbox`` program that the release wheel ships in ``bts/bin/`` (or
the one named by ``BTS_SANDBOX``, or a checkout's ``target/release``/``target/debug``). It
prints one JSON line, ``{"base_url":…,"wms_base_url":…,"accounts":{…},"config":{…}}``, then
serves until killed; ``config`` is a ready client configuration::

    python -m bts sandbox --listen 127.0.0.1:8080
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

from . import _native

USAGE = """usage: python -m bts COMMAND

commands:
  version                    print the bts library's version
  sandbox [--listen ADDR]    run the offline BTS emulator (default 127.0.0.1:0, a free port);
                             it prints one JSON line with base_url and a client config
"""


def sandbox_path() -> Path:
    """The ``bts-sandbox`` program: ``BTS_SANDBOX``, else the first of
    :func:`bts._native.sandbox_candidate_paths` that exists."""
    explicit = os.environ.get("BTS_SANDBOX")
    if explicit:
        if not Path(explicit).is_file():
            raise SystemExit(f"bts: BTS_SANDBOX is {explicit!r}, which is not a file")
        return Path(explicit)
    for candidate in _native.sandbox_candidate_paths():
        if candidate.is_file():
            return candidate
    raise SystemExit(
        "bts: the bts-sandbox program was not found; the release wheel "
        "(bts-*-py3-none-manylinux2014_x86_64.whl) ships it, or build it with "
        "`cargo build --release -p bts-sandbox` and set BTS_SANDBOX to its path"
    )


def main(argv: Optional[List[str]] = None) -> int:
    """Runs a command; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "version":
        print(_native.version())
        return 0
    if command == "sandbox":
        program = str(sandbox_path())
        if os.name == "posix":
            sys.stdout.flush()
            os.execv(program, [program, *rest])  # the sandbox takes this process's place
        return subprocess.call([program, *rest])
    sys.stderr.write(f"bts: unknown command {command!r}\n\n{USAGE}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
