"""Build hooks of the bts Python package (its metadata is in pyproject.toml).

Three ways the package is built, and what this file does in each:

* **From the repository** (``pip install bindings/python``): nothing is compiled. The package
  finds the library in ``BTS_LIBRARY``, next to itself, or in the checkout's ``target/``. A
  ``libbts.so`` (or ``bts/bin/bts-sandbox``) copied into ``bts/`` beforehand is shipped inside,
  and the wheel is then tagged for this platform (``py3-none-<platform>``).
* **From the sdist** (``pip install bts-VERSION.tar.gz``, made by scripts/dist.sh): the sdist
  carries the Rust workspace under ``rust/``; ``cargo rustc --release --crate-type cdylib`` builds
  ``libbts.so`` and ``cargo build`` builds ``bts-sandbox``, both into the wheel. Cargo is then required (https://rustup.rs); ``CARGO`` names
  another cargo, ``CARGO_TARGET_DIR`` is honoured as usual.
* **The release wheel** (``bts-VERSION-py3-none-manylinux2014_x86_64.whl``) is written by
  scripts/dist-python.py without setuptools; this file plays no part in it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
RUST = HERE / "rust"  # present in the sdist only

if sys.platform == "win32":
    LIBRARY, SANDBOX = "bts.dll", "bts-sandbox.exe"
elif sys.platform == "darwin":
    LIBRARY, SANDBOX = "libbts.dylib", "bts-sandbox"
else:
    LIBRARY, SANDBOX = "libbts.so", "bts-sandbox"


def builds_rust() -> bool:
    """Whether this build compiles the library (an sdist without a library inside)."""
    return (RUST / "Cargo.toml").is_file() and not (HERE / "bts" / LIBRARY).is_file()


def ships_native() -> bool:
    """Whether the wheel carries native code (then it is not a pure-Python wheel)."""
    return builds_rust() or (HERE / "bts" / LIBRARY).is_file()


class BuildPy(build_py):
    """build_py, then (from an sdist) cargo build of the library and the sandbox."""

    def run(self):
        super().run()
        if not builds_rust():
            return
        cargo = os.environ.get("CARGO", "cargo")
        if shutil.which(cargo) is None:
            raise SystemExit(
                "bts: building from source needs cargo (the Rust toolchain: https://rustup.rs); "
                "or install the prebuilt wheel bts-*-py3-none-manylinux2014_x86_64.whl instead"
            )
        target = Path(os.environ.get("CARGO_TARGET_DIR") or RUST / "target")
        subprocess.check_call(
            [cargo, "rustc", "--release", "--locked", "-p", "bts", "--lib",
             "--crate-type", "cdylib,staticlib"],
            cwd=RUST,
        )
        subprocess.check_call(
            [cargo, "build", "--release", "--locked", "-p", "bts-sandbox", "--bin", "bts-sandbox"],
            cwd=RUST,
        )
        release = target / "release"
        package = Path(self.build_lib) / "bts"
        (package / "bin").mkdir(parents=True, exist_ok=True)
        self.copy_file(str(release / LIBRARY), str(package / LIBRARY))
        self.copy_file(str(release / SANDBOX), str(package / "bin" / SANDBOX))


class BinaryDistribution(Distribution):
    """A distribution whose wheel is platform-specific when it ships the library."""

    def has_ext_modules(self):
        return ships_native()


cmdclass = {"build_py": BuildPy}
try:  # setuptools >= 70.1 has bdist_wheel; older ones take it from the wheel package
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:
    try:
        from wheel.bdist_wheel import bdist_wheel
    except ImportError:
        bdist_wheel = None

if bdist_wheel is not None:

    class BdistWheel(bdist_wheel):
        """Tags a wheel with a native library ``py3-none-<platform>``: ctypes, no ABI tie."""

        def get_tag(self):
            python, abi, platform = super().get_tag()
            if ships_native():
                return "py3", "none", platform
            return python, abi, platform

    cmdclass["bdist_wheel"] = BdistWheel

setup(cmdclass=cmdclass, distclass=BinaryDistribution)
