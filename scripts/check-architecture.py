#!/usr/bin/env python3
"""Checks that kanten's modules depend on each other one way only (docs/architecture.md).

Every #include of a kanten header ("kanten/<module>/...") or of a module's private header
("<module>/..." under src/) in include/kanten/<module>/ and src/<module>/ must name the module
itself or one it may use. Prints each violation as file:line and exits 1 if there is any.
"""
import pathlib
import re
import sys

# What each module may include: itself and these (the closure of its direct dependencies).
ALLOWED = {
    "core": set(),
    "rules": {"core"},
    "bipartite": {"core"},
    "match": {"core", "rules", "bipartite"},
    "programme": {"core", "rules", "bipartite", "match"},
    "synth": {"core", "rules", "bipartite", "match"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"](?:kanten/)?([a-z_]+)/[^">]+[">]')


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    problems = []
    found = set()
    for base in (root / "include" / "kanten", root / "src"):
        for folder in sorted(p for p in base.iterdir() if p.is_dir()):
            module = folder.name
            if module not in ALLOWED:
                problems.append(f"{folder.relative_to(root)}: a folder that is no module (add it to docs/architecture.md and here)")
                continue
            found.add(module)
            for path in sorted(folder.rglob("*.[ch]pp")):
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                    m = INCLUDE.match(line)
                    if not m or m.group(1) not in ALLOWED:
                        continue
                    used = m.group(1)
                    if used != module and used not in ALLOWED[module]:
                        problems.append(f"{path.relative_to(root)}:{number}: module {module} includes {used} ({line.strip()})")
    for base in (root / "src",):
        loose = sorted(p.name for p in base.iterdir() if p.is_file())
        if loose:
            problems.append(f"src/: files outside every module: {', '.join(loose)}")
    for p in problems:
        print(p)
    print(f"architecture: {len(found)} modules, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
