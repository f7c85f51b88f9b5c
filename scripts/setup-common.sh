# Shared by scripts/run-app and scripts/test: system packages and the virtual environment.
# Sourced, not run. Works on a fresh Debian/Ubuntu with Python 3.11+.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${MLA_WRITER_VENV:-$ROOT/.venv}"
PYTHON="${PYTHON:-python3}"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "error: need root (or sudo) to install: ${*: -1}" >&2; return 1; fi
}

# apt_need PKG... : install the Debian packages that are not installed yet.
apt_need() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "note: not a Debian/Ubuntu system; install the equivalents of: $*" >&2; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

# Libraries Qt needs to run (offscreen or on a desktop) and fonts with Cyrillic.
QT_RUNTIME_PKGS=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
  libxkbcommon0 fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0)

# Spell checking in the editors: libenchant-2 (used by pyenchant) and the Hunspell dictionaries of
# the four letter languages. A missing one only turns checking off for that language.
SPELL_PKGS=(libenchant-2-2 hunspell-en-us hunspell-en-gb hunspell-fr-classical hunspell-ru hunspell-es)

check_python() {
  "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || {
    echo "error: Python 3.11 or newer is needed as '$PYTHON' (set PYTHON=... to choose another)." >&2; exit 1; }
  "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null || apt_need python3-venv
}

make_venv() {  # make_venv EXTRAS  (e.g. "" or "[test]")
  check_python
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$ROOT$1"
  # gettext catalogues: locales/*/LC_MESSAGES/*.po -> .mo (Babel; only those that are stale).
  # A catalogue that does not compile is shown in English by the application (the tests fail
  # on it): warn, do not stop.
  (cd "$ROOT" && "$VENV/bin/python" -m mla_writer.i18n compile --quiet) ||
    echo "warning: some gettext catalogues did not compile (above); those languages will show English" >&2
}
