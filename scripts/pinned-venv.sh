#!/usr/bin/env bash
# Creates (or checks) a Python virtual environment installed from a pinned requirements file and a
# constraints file (every transitive version), rebuilt whenever either file changes. The one way the
# project's Python tools are installed: scripts/mlflow-venv.sh, scripts/schemathesis-venv.sh and
# scripts/anchors-venv.sh call it.
# Usage: scripts/pinned-venv.sh TOOL EXECUTABLE VENV_DIR [WITHOUT_PYTHON]
#   installs scripts/TOOL-requirements.txt under scripts/TOOL-constraints.txt; EXECUTABLE is the venv's
#   command that proves the install (run with --version).
# Exit code 3: python3 is not installed; WITHOUT_PYTHON, if given, says on stderr what the caller loses then.
set -euo pipefail

scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
name="$1-venv"; executable="$2"; venv="$3"; without_python="${4:-}"
requirements="$scripts/$1-requirements.txt"; constraints="$scripts/$1-constraints.txt"
stamp="$venv/.nyc311-requirements"

if ! command -v python3 >/dev/null 2>&1; then
  echo "$name: python3 is not installed${without_python:+; $without_python}" >&2
  exit 3
fi

if [ -x "$venv/bin/$executable" ] && [ -f "$stamp" ] && cat "$requirements" "$constraints" | cmp -s - "$stamp"; then
  echo "$name: $venv is ready"
  exit 0
fi

echo "$name: creating $venv (one-off: pip downloads the pinned packages)"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install --disable-pip-version-check --progress-bar off -r "$requirements" -c "$constraints"
cat "$requirements" "$constraints" > "$stamp"
"$venv/bin/$executable" --version
echo "$name: $venv is ready"
