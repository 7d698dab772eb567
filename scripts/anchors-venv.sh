#!/usr/bin/env bash
# Creates (or checks) the pinned Python environment of the benchmarks' anchors: Prophet, as the seeds
# run it, for scripts/anchors/seed_rule_forecasts.py. For benchmarks only: the services and CI never
# use it. Usage: scripts/anchors-venv.sh [VENV_DIR]
#   (default: $NYC311_ANCHORS_VENV, else $HOME/.cache/nyc311/anchors-venv)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-${NYC311_ANCHORS_VENV:-$HOME/.cache/nyc311/anchors-venv}}"
requirements="$root/scripts/anchors-requirements.txt"
constraints="$root/scripts/anchors-constraints.txt"
stamp="$venv/.nyc311-requirements"

if ! command -v python3 >/dev/null 2>&1; then
  echo "anchors-venv: python3 is not installed; the seed rule's forecasts cannot be made" >&2
  exit 3
fi

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && cat "$requirements" "$constraints" | cmp -s - "$stamp"; then
  echo "anchors-venv: $venv is ready"
  exit 0
fi

echo "anchors-venv: creating $venv (one-off, a minute or two: pip downloads Prophet and its dependencies)"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r "$requirements" -c "$constraints"
cat "$requirements" "$constraints" > "$stamp"
"$venv/bin/python" -c 'import prophet; print("prophet", prophet.__version__)'
echo "anchors-venv: $venv is ready"
