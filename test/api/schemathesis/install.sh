#!/usr/bin/env bash
# Installs the schemathesis CLI that test/api/schemathesis.test.ts runs over the served OpenAPI document:
# schemathesis from PyPI into a virtualenv under .cache/schemathesis/venv (ignored by git).
# Override the interpreter with SCHEMATHESIS_PYTHON, the folder with SCHEMATHESIS_HOME.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# Pinned so a green run means the same fuzzer every time; bump deliberately.
exec bash test/helpers/pip-venv-install.sh schemathesis:install schemathesis "${SCHEMATHESIS_VERSION:-4.32.5}" \
  schemathesis "${SCHEMATHESIS_HOME:-.cache/schemathesis}" "${SCHEMATHESIS_PYTHON:-}"
