"""Builds kanten's Python package with kanten's own CMake project (pyproject.toml names setuptools).

`pip install .` and `python -m build --wheel` run this file: it configures a Release build of the
repository with the Python module on (tests, benchmarks, the program and the C ABI off), builds
only the `_kanten` target, which links the static libkanten, and puts that module beside the
pure-Python package python/kanten/ in the wheel. The version is the project's
(include/kanten/core/version.hpp, which CMakeLists.txt reads too), the summary its DESCRIPTION.

The CMake build lives in build/pip and is kept, so a second `pip install .` rebuilds only what
changed; setuptools' own intermediate files go into its setuptools/ folder.

Environment:
  KANTEN_CMAKE_BUILD_DIR      build `_kanten` in this directory (relative to the repository, or
                              absolute) instead of build/pip. An existing kanten build directory
                              (e.g. build/debug) is used as it is configured, without configuring
                              it again, so its module goes into the wheel (it must link the static
                              libkanten: BUILD_SHARED_LIBS off); an empty or missing one is
                              configured as build/pip would be.
  CMAKE_BUILD_PARALLEL_LEVEL  parallel build jobs (CMake's own variable; default: every core).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def _read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def _version() -> str:
    """The project's version from the KANTEN_VERSION_MAJOR/MINOR/PATCH macros, as CMakeLists.txt reads it."""
    text = _read("include/kanten/core/version.hpp")
    parts = []
    for part in ("MAJOR", "MINOR", "PATCH"):
        match = re.search(rf"#define KANTEN_VERSION_{part} ([0-9]+)", text)
        if not match:
            sys.exit(f"setup.py: include/kanten/core/version.hpp defines no KANTEN_VERSION_{part}")
        parts.append(match.group(1))
    return ".".join(parts)


def _description() -> str:
    """The DESCRIPTION of project(kanten ...) in CMakeLists.txt."""
    match = re.search(r'project\(kanten\b[^)]*?DESCRIPTION "([^"]*)"', _read("CMakeLists.txt"))
    if not match:
        sys.exit("setup.py: CMakeLists.txt's project(kanten ...) has no DESCRIPTION")
    return match.group(1)


def _build_dir() -> tuple[Path, bool]:
    """The CMake build directory, and whether the caller named it (KANTEN_CMAKE_BUILD_DIR)."""
    given = os.environ.get("KANTEN_CMAKE_BUILD_DIR")
    if given:
        return (ROOT / Path(given).expanduser()).resolve(), True
    return ROOT / "build" / "pip", False


def _cache(build_dir: Path) -> dict[str, str]:
    """The entries of build_dir's CMakeCache.txt (NAME:TYPE=VALUE), by name; empty when there is none."""
    path = build_dir / "CMakeCache.txt"
    entries = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            match = re.match(r"([A-Za-z_0-9.+-]+):[A-Z]+=(.*)", line)
            if match:
                entries[match.group(1)] = match.group(2)
    return entries


def _on(value: str | None) -> bool:
    return value is not None and value.upper() in ("1", "ON", "YES", "TRUE", "Y")


class CMakeBuild(build_ext):
    """Builds kanten._kanten with CMake and copies it to where setuptools packs the extension."""

    def build_extension(self, ext: Extension) -> None:
        cmake = shutil.which("cmake")
        if cmake is None:
            sys.exit("setup.py: cmake is not installed (Debian: apt-get install cmake); kanten's module is built with it")
        build_dir, given = _build_dir()
        cache = _cache(build_dir)
        if not cache or not given:
            self._configure(cmake, build_dir, fresh=not cache)
        else:
            self._check_reused(build_dir, cache)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        self._run([cmake, "--build", str(build_dir), "--target", "_kanten", "--parallel", jobs])

        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = build_dir / "python" / "kanten" / f"_kanten{suffix}"
        if not built.is_file():
            found = sorted(p.name for p in built.parent.glob("_kanten*"))
            sys.exit(f"setup.py: the build made no {built} for {sys.executable} (found: {found or 'nothing'}); "
                     "was the build directory configured with another Python?")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)
        shutil.copymode(built, target)

    def _configure(self, cmake: str, build_dir: Path, fresh: bool) -> None:
        args = [cmake, "-S", str(ROOT), "-B", str(build_dir),
                "-DCMAKE_BUILD_TYPE=Release",
                "-DBUILD_SHARED_LIBS=OFF",
                "-DKANTEN_BUILD_PYTHON=ON",
                "-DKANTEN_BUILD_TESTS=OFF",
                "-DKANTEN_BUILD_BENCHMARKS=OFF",
                "-DKANTEN_BUILD_CLI=OFF",
                "-DKANTEN_BUILD_CAPI=OFF",
                f"-DPython3_EXECUTABLE={sys.executable}"]
        if fresh and shutil.which("ninja"):
            args += ["-G", "Ninja"]
        self._run(args)

    @staticmethod
    def _check_reused(build_dir: Path, cache: dict[str, str]) -> None:
        where = f"KANTEN_CMAKE_BUILD_DIR={build_dir}"
        if cache.get("CMAKE_PROJECT_NAME") != "kanten":
            sys.exit(f"setup.py: {where} is not a build directory of kanten (its CMakeCache.txt names "
                     f"project {cache.get('CMAKE_PROJECT_NAME')!r})")
        if _on(cache.get("BUILD_SHARED_LIBS")):
            sys.exit(f"setup.py: {where} builds a shared libkanten (BUILD_SHARED_LIBS=ON); the wheel's module "
                     "must link the static library: name a build directory without it, or unset the variable")
        if "KANTEN_BUILD_PYTHON" in cache and not _on(cache["KANTEN_BUILD_PYTHON"]):
            sys.exit(f"setup.py: {where} is configured with KANTEN_BUILD_PYTHON=OFF; it builds no module")

    @staticmethod
    def _run(args: list[str]) -> None:
        print("setup.py:", " ".join(args), flush=True)
        subprocess.run(args, check=True)


_BUILD_DIR, _ = _build_dir()
_SETUPTOOLS_DIR = _BUILD_DIR / "setuptools"
_SETUPTOOLS_DIR.mkdir(parents=True, exist_ok=True)

setup(
    version=_version(),
    description=_description(),
    packages=["kanten"],
    package_dir={"": "python"},
    package_data={"kanten": ["py.typed", "*.pyi"]},
    ext_modules=[Extension("kanten._kanten", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' build/ and kanten.egg-info/ beside the CMake build, not in the source tree.
    options={"build": {"build_base": str(_SETUPTOOLS_DIR)},
             "egg_info": {"egg_base": str(_SETUPTOOLS_DIR)}},
    zip_safe=False,
)
