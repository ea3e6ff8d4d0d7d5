#!/usr/bin/env bash
# Installs one pinned PyPI package into a virtualenv under the project's ignored .cache/, for the
# test suites that drive a Python program (Synapse, schemathesis). Idempotent: a venv that already
# holds the pinned version is left alone, so CI pays once per cache.
#
#   pip-venv-install.sh LABEL PACKAGE VERSION MODULE HOME PYTHON
#
# LABEL prefixes every line; MODULE is imported once installed, as a check; HOME holds venv/;
# PYTHON is an interpreter to use instead of the first Python 3.10+ found (may be empty).
set -euo pipefail
label="$1" package="$2" version="$3" module="$4" home="$5" python="${6:-}"
venv="$home/venv"

installed=""
if [ -x "$venv/bin/python" ]; then
  installed="$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$package'))" 2>/dev/null || true)"
fi
if [ "$installed" = "$version" ]; then
  echo "$label: $package $version already in $venv"
  exit 0
fi

# The first interpreter that runs and is new enough (pyenv shims exist for versions that are
# not selected, and fail when called, so "command -v" alone is not enough).
new_enough='import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'
if [ -n "$python" ]; then
  if ! "$python" -c "$new_enough" >/dev/null 2>&1; then
    echo "$label: $python does not run or is older than Python 3.10" >&2
    exit 1
  fi
else
  for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if "$candidate" -c "$new_enough" >/dev/null 2>&1; then python="$candidate"; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "$label: no Python 3.10 or newer found ($package $version needs one)" >&2
  exit 1
fi

echo "$label: $package $version into $venv (was: ${installed:-none})"
mkdir -p "$home"
if [ ! -x "$venv/bin/python" ]; then
  # Debian and Ubuntu ship venv's pip bootstrap separately; say which package is missing.
  if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "$label: $python cannot create virtualenvs (no ensurepip); install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  fi
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip
"$venv/bin/python" -m pip install --disable-pip-version-check --quiet "$package==$version"
"$venv/bin/python" -c "import $module, importlib.metadata as m; print('$label: ready,', m.version('$package'))"
