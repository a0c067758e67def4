#!/usr/bin/env bash
# Build the desktop executable: dist/lmlab/lmlab (a one-folder bundle), then smoke-test it.
#
#   packaging/build.sh                 CPU bundle, built with the active Python (or .venv/bin/python)
#   LMLAB_BUNDLE_CUDA=1 packaging/build.sh   with a CUDA build of torch installed: bundle its CUDA libraries
#   packaging/build.sh --no-check      skip the smoke test
#   DIST=/elsewhere packaging/build.sh  put dist/ and build/ under another folder
#
# The build log is build/pyinstaller.log; docs/packaging.md has sizes and times.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
check=1
[ "${1:-}" = "--no-check" ] && check=0

if [ -n "${VIRTUAL_ENV:-}" ]; then py=python
elif [ -x .venv/bin/python ]; then py=.venv/bin/python
else py=python3
fi
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is missing: $py -m pip install -e '.[package]'" >&2
    exit 2
fi

out="${DIST:-$root}"
mkdir -p "$out/build"
log="$out/build/pyinstaller.log"
echo "Building with $("$py" -c 'import sys, torch, PyInstaller; print(f"Python {sys.version.split()[0]}, torch {torch.__version__}, PyInstaller {PyInstaller.__version__}")')"
echo "Log: $log"
start=$(date +%s)
if ! "$py" -m PyInstaller --noconfirm --clean --distpath "$out/dist" --workpath "$out/build" lmlab.spec >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "The build failed; the whole log is $log" >&2
    exit 1
fi
bundle="$out/dist/lmlab"
echo "Built $bundle in $(( $(date +%s) - start )) s, $(du -sh "$bundle" | cut -f1)"

if [ "$check" = 1 ]; then
    exe="$bundle/lmlab"
    [ -x "$exe" ] || exe="$bundle/lmlab.exe"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    "$exe" --version
    # The app, offscreen, on a clean settings folder: quits by itself once the default corpus is loaded.
    env XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
        QT_QPA_PLATFORM=offscreen LMLAB_SMOKE_TEST=1 "$exe"
    env XDG_DATA_HOME="$tmp/data" "$exe" train --preset tiny --steps 20 --runs-dir "$tmp/runs"
    echo "Smoke test passed."
fi
