#!/usr/bin/env bash
# Scan benchmark: keyward vs ripgrep (raw AWS-ID regex ceiling) vs gitleaks vs Kingfisher
# on the planted corpus. Prints a table and writes bench/results/scan-<date>.md.
#
# Environment:
#   CORPUS_MB=256      corpus size (built or reused by bench/corpus.py)
#   RUNS=3             timed runs per tool (best wall time is kept)
#   KEYWARD_BIN=path   use this keyward binary instead of building one
#   SKIP_BUILD=1       do not run `swift build -c release`; use .build/release/keyward if present
#   ONLY="rg gitleaks" time only these tools
set -uo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
RESULTS="$BENCH/results"
mkdir -p "$RESULTS"
log() { printf '[run] %s\n' "$*" >&2; }

python3 "$BENCH/corpus.py" "${CORPUS_MB:-256}" || { log "corpus build failed"; exit 1; }

if [ ! -x /usr/bin/time ]; then
  log "/usr/bin/time missing; trying apt-get install time (else wait4 rusage is used)"
  (apt-get install -y -qq time >/dev/null 2>&1) || true
fi

KEYWARD_NOTE=""
if [ -z "${KEYWARD_BIN:-}" ]; then
  KEYWARD_BIN="$ROOT/.build/release/keyward"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # A static Swift runtime saves ~10 ms of dynamic linking per start (pre-commit target).
    log "building keyward (swift build -c release --product keyward --static-swift-stdlib)"
    if ! (cd "$ROOT" && swift build -c release --product keyward --static-swift-stdlib >"$RESULTS/build.log" 2>&1); then
      log "keyward build failed (see $RESULTS/build.log); its row says so"
      KEYWARD_NOTE="build failed"
      KEYWARD_BIN=""
    fi
  fi
  if [ -n "$KEYWARD_BIN" ] && [ ! -x "$KEYWARD_BIN" ]; then KEYWARD_NOTE="not built"; KEYWARD_BIN=""; fi
  # the binary must have a scan command; an early skeleton without one is reported, not timed
  if [ -n "$KEYWARD_BIN" ] && ! "$KEYWARD_BIN" scan --help >/dev/null 2>&1; then
    KEYWARD_NOTE="no scan command yet"; KEYWARD_BIN=""
  fi
fi
export KEYWARD_BIN KEYWARD_NOTE

log "warming the page cache"
find "$BENCH/corpus" -type f -print0 | xargs -0 cat >/dev/null

# shellcheck disable=SC2086
exec python3 "$BENCH/scanbench.py" --results "$RESULTS" ${ONLY:+--only $ONLY}
