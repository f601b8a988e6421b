#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever kanten needs to build, test and benchmark
# that this machine does not have yet. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
  cmake ninja-build g++ make pkg-config clang-14 libclang-rt-14-dev
  libboost-dev libboost-date-time-dev libboost-graph-dev
  nlohmann-json3-dev catch2 libbenchmark-dev liblemon-dev libcli11-dev libsimdjson-dev
  python3 python3-dev pybind11-dev python3-pytest python3-numpy python3-pandas
  python3-matplotlib jupyter-nbconvert python3-ipykernel python3-nbformat
  # python/tests/test_survival.py checks kanten's survival figures against statsmodels (and scipy).
  # examples/notebooks/evaluation.ipynb fits its Cox and panel models with statsmodels.
  python3-statsmodels python3-scipy
  # `pip install .` (pyproject.toml, setup.py) offline into a venv, and the python.install test.
  python3-venv python3-pip python3-setuptools python3-wheel python3-build
  # The `fuzz` preset: clang-14 with libFuzzer and the sanitizer runtimes (libclang-rt-14-dev,
  # above); the `tsan` preset: g++'s ThreadSanitizer runtime; setarch (util-linux) for its run.
  libtsan2 util-linux
  # GNU time: tests/test_stream.cpp measures the program's peak memory with it.
  time
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything kanten needs is installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
