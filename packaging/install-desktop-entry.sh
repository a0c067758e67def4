#!/usr/bin/env sh
# Put lmlab into the desktop's applications menu, with its icon, for the current user.
#   ./install-desktop-entry.sh              from an unpacked bundle (dist/lmlab/): uses the bundle's executable
#   ./install-desktop-entry.sh /path/lmlab  any lmlab executable (the bundle's, or a pip-installed command)
#   ./install-desktop-entry.sh --uninstall
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/lmlab.desktop" "$icons/lmlab.png"
    echo "Removed lmlab from the applications menu."
    exit 0
fi

exe="${1:-$here/lmlab}"
[ -x "$exe" ] || exe=$(command -v lmlab || true)
if [ -z "$exe" ] || [ ! -x "$exe" ]; then
    echo "error: no lmlab executable found; give its path: $0 /path/to/lmlab" >&2
    exit 2
fi
exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")

desktop="$here/lmlab.desktop"
[ -f "$desktop" ] || desktop="$here/../packaging/lmlab.desktop"
png="$here/lmlab.png"
[ -f "$png" ] || png="$here/../resources/lmlab.png"

mkdir -p "$apps" "$icons"
cp "$png" "$icons/lmlab.png"
# The Exec key quotes its argument (escaping " ` $ and backslash), then the file escapes backslashes, and % doubles.
quoted=$(printf '%s' "$exe" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g' -e 's/%/%%/g')
plain=$(printf '%s' "$exe" | sed -e 's/\\/\\\\/g')
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
        Exec=*) printf 'Exec="%s"\n' "$quoted" ;;
        TryExec=*) printf 'TryExec=%s\n' "$plain" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$desktop" > "$apps/lmlab.desktop"
chmod 644 "$apps/lmlab.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "${icons%/256x256/apps}" >/dev/null 2>&1 || true
echo "Installed $apps/lmlab.desktop (runs $exe)."
