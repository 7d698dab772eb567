#!/usr/bin/env bash
# Creates (or checks) the Python virtual environment that runs the local MLflow tracking server.
# Used by .ci/run, by the MLflow test extension and by ./nyc311 up, so that all three agree on
# one pinned MLflow. Usage: scripts/mlflow-venv.sh [VENV_DIR]   (default: .venv/mlflow)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-${NYC311_MLFLOW_VENV:-$root/.venv/mlflow}}"
exec bash "$root/scripts/pinned-venv.sh" mlflow mlflow "$venv" "MLflow tracking will be unavailable"
