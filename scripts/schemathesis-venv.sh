#!/usr/bin/env bash
# Creates (or checks) the Python virtual environment of Schemathesis, the outside client that fuzzes every
# service's published OpenAPI document in the services' tests (test-support's Schemathesis). Used by .ci/run;
# the tests skip, naming this script, where it has not run.
# Usage: scripts/schemathesis-venv.sh [VENV_DIR]   (default: $NYC311_SCHEMATHESIS_VENV, else
# $HOME/.cache/nyc311/schemathesis-venv)
set -euo pipefail

venv="${1:-${NYC311_SCHEMATHESIS_VENV:-$HOME/.cache/nyc311/schemathesis-venv}}"
exec bash "$(dirname "${BASH_SOURCE[0]}")/pinned-venv.sh" schemathesis st "$venv"
