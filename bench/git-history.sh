#!/usr/bin/env bash
# History-scan benchmark: keyward scan --history vs gitleaks git vs Kingfisher on one repository.
#
# Environment:
#   HISTORY_REPO=path   benchmark this existing repository instead of the generated one;
#                       HISTORY_REPO=self: a fresh mirror clone of this project's own history
#                       (a real repository; `make bench` runs both)
#   HISTORY_COMMITS=3000  length of the generated history (bench/history.py)
#   HISTORY_DIR=/tmp/keyward-bench-history  where the generated repository lives (reused)
#   RUNS=3  KEYWARD_BIN=path
set -uo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
RESULTS="$BENCH/results"
mkdir -p "$RESULTS"
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
log() { printf '[git-history] %s\n' "$*" >&2; }

# The local mirrors (/opt/swift-packages/*.git) are shallow (1-3 commits), so by default a long
# history of real text is generated from them and from other real files (see bench/history.py).
PLANTED_ARG=()
LABEL_ARG=()
if [ "${HISTORY_REPO:-}" = self ]; then
  REPO="${TMPDIR:-/tmp}/keyward-bench-self-history"
  rm -rf "$REPO"
  git clone -q --mirror "$ROOT" "$REPO" || { log "cannot clone this project's history from $ROOT"; exit 1; }
  LABEL_ARG=(--label "real repository: keyward's own history")
elif [ -n "${HISTORY_REPO:-}" ]; then
  REPO="$HISTORY_REPO"
  LABEL_ARG=(--label "$(basename "$REPO")")
else
  REPO="${HISTORY_DIR:-${TMPDIR:-/tmp}/keyward-bench-history}"
  python3 "$BENCH/history.py" "$REPO" --commits "${HISTORY_COMMITS:-3000}" \
    --planted "$RESULTS/history-planted.json" || { log "cannot build the history repository"; exit 1; }
  PLANTED_ARG=(--planted "$RESULTS/history-planted.json")
  LABEL_ARG=(--label "generated ${HISTORY_COMMITS:-3000}-commit repository")
fi
log "$REPO: $(git -C "$REPO" rev-list --all --count) commits"

find_keyward "$ROOT" --history
[ -n "$KEYWARD_NOTE" ] && log "keyward: $KEYWARD_NOTE"
exec python3 "$BENCH/historybench.py" "$REPO" "${PLANTED_ARG[@]}" "${LABEL_ARG[@]}" --results "$RESULTS"
