#!/usr/bin/env bash
# Creates (or checks) the pinned Python environment of the benchmarks' anchors: Prophet, as the seeds
# run it, for scripts/anchors/seed_rule_forecasts.py, and Prophet, AutoETS and MSTL for
# scripts/anchors/rolling_forecasts.py. For benchmarks only: the services and CI never
# use it. Usage: scripts/anchors-venv.sh [VENV_DIR]
#   (default: $NYC311_ANCHORS_VENV, else $HOME/.cache/nyc311/anchors-venv)
set -euo pipefail

venv="${1:-${NYC311_ANCHORS_VENV:-$HOME/.cache/nyc311/anchors-venv}}"
exec bash "$(dirname "${BASH_SOURCE[0]}")/pinned-venv.sh" anchors python "$venv" \
  "the anchors' forecasts cannot be made"
