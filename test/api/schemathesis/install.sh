#!/usr/bin/env bash
# Installs the schemathesis CLI that test/api/schemathesis.test.ts runs over the served OpenAPI document:
# schemathesis from PyPI into a virtualenv under .cache/schemathesis/venv (ignored by git).
# Idempotent: a venv that already holds the pinned version is left alone, so CI pays once
# per cache. Override the interpreter with SCHEMATHESIS_PYTHON, the folder with SCHEMATHESIS_HOME.
set -euo pipefail
cd "$(dirname "$0")/../../.."

# Pinned so a green run means the same server every time; bump deliberately.
version="${SCHEMATHESIS_VERSION:-4.32.5}"
home="${SCHEMATHESIS_HOME:-.cache/schemathesis}"
venv="$home/venv"

installed=""
if [ -x "$venv/bin/python" ]; then
  installed="$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)"
fi
if [ "$installed" = "$version" ]; then
  echo "schemathesis:install: schemathesis $version already in $venv"
  exit 0
fi

# The first interpreter that runs and is new enough (pyenv shims exist for versions that are
# not selected, and fail when called, so "command -v" alone is not enough).
new_enough='import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'
python="${SCHEMATHESIS_PYTHON:-}"
if [ -n "$python" ]; then
  if ! "$python" -c "$new_enough" >/dev/null 2>&1; then
    echo "schemathesis:install: SCHEMATHESIS_PYTHON=$python does not run or is older than Python 3.10" >&2
    exit 1
  fi
else
  for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if "$candidate" -c "$new_enough" >/dev/null 2>&1; then python="$candidate"; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "schemathesis:install: no Python 3.10 or newer found (schemathesis $version needs one); set SCHEMATHESIS_PYTHON" >&2
  exit 1
fi

echo "schemathesis:install: schemathesis $version into $venv (was: ${installed:-none})"
mkdir -p "$home"
if [ ! -x "$venv/bin/python" ]; then
  # Debian and Ubuntu ship venv's pip bootstrap separately; say which package is missing.
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "schemathesis:install: $python cannot create virtualenvs (no ensurepip); install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  fi
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet "schemathesis==$version"
"$venv/bin/python" -c 'import schemathesis, importlib.metadata as m; print("schemathesis:install: ready,", m.version("schemathesis"))'
