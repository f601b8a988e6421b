"""Checks an installed kanten from outside the source and build trees; run by test_install.cmake.

    python check_installed.py <site directory it must be imported from> <expected version> <prefix>

Fails (an AssertionError naming what differs) unless kanten imports from that directory, its
__version__ is the project's and importlib.metadata's, its distribution lists the compiled module,
py.typed and the stub, a shared libkanten, if one is loaded, is the one under the prefix, and a
small caseload evaluates.
"""

import importlib.metadata
import sys
from pathlib import Path

site_dir = Path(sys.argv[1]).resolve()
expected_version = sys.argv[2]
prefix = Path(sys.argv[3]).resolve()

import kanten  # noqa: E402  (after the arguments, so a usage error is not an import error)

package_dir = Path(kanten.__file__).resolve().parent
assert package_dir == site_dir / "kanten", f"kanten imported from {package_dir}, not from {site_dir}"
module = Path(kanten._kanten.__file__).resolve()
assert module.parent == package_dir, f"kanten._kanten imported from {module}, not from {package_dir}"

metadata_version = importlib.metadata.version("kanten")
assert kanten.__version__ == metadata_version == expected_version, (
    f"kanten.__version__ {kanten.__version__!r}, importlib.metadata {metadata_version!r}, "
    f"the project {expected_version!r}")

files = {str(f) for f in importlib.metadata.files("kanten")}
for wanted in (f"kanten/{module.name}", "kanten/py.typed", "kanten/__init__.pyi", "kanten/__init__.py"):
    assert wanted in files, f"the installed distribution does not list {wanted}: {sorted(files)}"
    assert (site_dir / wanted).is_file(), f"{wanted} is listed but not installed in {site_dir}"

with open("/proc/self/maps", encoding="utf-8") as maps:
    libraries = {Path(line.split()[-1]) for line in maps if "/libkanten.so" in line}
for library in libraries:
    assert prefix in library.resolve().parents, f"the module loaded {library}, not a libkanten under {prefix}"

load = kanten.generate_caseload(citizens=12, seed=2018)
frame = kanten.evaluate(load, "2019-12-31")
assert len(frame) == 12, f"evaluate gave {len(frame)} rows for 12 citizens"
assert frame["citizen"].is_unique and frame["step"].notna().all(), "evaluate gave a citizen twice or without a step"
shared = f", {', '.join(sorted(str(p) for p in libraries))}" if libraries else ""
print(f"kanten {kanten.__version__} from {package_dir}{shared}: {len(files)} files, 12 citizens evaluated")
