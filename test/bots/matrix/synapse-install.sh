#!/usr/bin/env bash
# Installs the Synapse homeserver that the Matrix end-to-end tests start on loopback:
# matrix-synapse from PyPI into a virtualenv under .cache/synapse/venv (ignored by git).
# Override the interpreter with SYNAPSE_PYTHON, the folder with SYNAPSE_HOME.
set -euo pipefail
cd "$(dirname "$0")/../../.."
# Pinned so a green run means the same server every time; bump deliberately.
exec bash test/helpers/pip-venv-install.sh synapse:install matrix-synapse "${SYNAPSE_VERSION:-1.163.2}" synapse \
  "${SYNAPSE_HOME:-.cache/synapse}" "${SYNAPSE_PYTHON:-}"
