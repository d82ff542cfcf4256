# Sourced by the bench scripts: locates keyward without building it (run.sh builds it).
# Sets KEYWARD_BIN (empty when unusable) and KEYWARD_NOTE (why).
find_keyward() {
  local root="$1" needle="${2:-}"
  KEYWARD_NOTE=""
  if [ -z "${KEYWARD_BIN:-}" ]; then
    KEYWARD_BIN="$root/.build/release/keyward"
  fi
  if [ ! -x "$KEYWARD_BIN" ]; then
    KEYWARD_NOTE="not built (run: swift build -c release)"; KEYWARD_BIN=""
  elif ! "$KEYWARD_BIN" scan --help >/dev/null 2>&1; then
    KEYWARD_NOTE="no scan command yet"; KEYWARD_BIN=""
  # The help text is read whole first: `keyward … | grep -q` under pipefail failed whenever grep
  # exited before keyward had written everything (keyward then died of SIGPIPE).
  elif [ -n "$needle" ] && ! grep -q -- "$needle" <<<"$("$KEYWARD_BIN" scan --help 2>&1)"; then
    KEYWARD_NOTE="scan $needle not implemented yet"; KEYWARD_BIN=""
  fi
  export KEYWARD_BIN KEYWARD_NOTE
}
