#!/usr/bin/env bash
# Creates (or checks) the Python virtual environment that runs the local MLflow tracking server.
# Used by .ci/run, by the MLflow test extension and by ./nyc311 up, so that all three agree on
# one pinned MLflow. Usage: scripts/mlflow-venv.sh [VENV_DIR]   (default: .venv/mlflow)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-${NYC311_MLFLOW_VENV:-$root/.venv/mlflow}}"
requirements="$root/scripts/mlflow-requirements.txt"
constraints="$root/scripts/mlflow-constraints.txt"
stamp="$venv/.nyc311-requirements"

if ! command -v python3 >/dev/null 2>&1; then
  echo "mlflow-venv: python3 is not installed; MLflow tracking will be unavailable" >&2
  exit 3
fi

if [ -x "$venv/bin/mlflow" ] && [ -f "$stamp" ] && cat "$requirements" "$constraints" | cmp -s - "$stamp"; then
  echo "mlflow-venv: $venv is ready"
  exit 0
fi

echo "mlflow-venv: creating $venv (one-off, a few minutes: pip downloads MLflow and its dependencies)"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r "$requirements" -c "$constraints"
cat "$requirements" "$constraints" > "$stamp"
"$venv/bin/mlflow" --version
echo "mlflow-venv: $venv is ready"
