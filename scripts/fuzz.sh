#!/usr/bin/env bash
# Runs each libFuzzer target built by `make fuzz-build` for FUZZ_SECONDS (default 60) over its seed
# corpus fixtures/fuzz/<Target>/ (read only; new inputs go to .build-fuzz/corpus/<Target>/).
# Prints executions per target; exits 1 when any target crashed (the input is in .build-fuzz/artifacts/).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-FuzzRulePack FuzzConfig FuzzGitParsers FuzzAWSXML FuzzAWSJSON FuzzRewriters FuzzEngine}"
bin=.build-fuzz/debug
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
# Swift's own crash handler would backtrace under ASan and trip it; let libFuzzer report the trap.
export SWIFT_BACKTRACE=enable=no
mkdir -p .build-fuzz/artifacts .build-fuzz/logs
status=0
summary=()
for target in $targets; do
  [ -x "$bin/$target" ] || { echo "fuzz: $bin/$target not built (make fuzz-build)"; exit 2; }
  mkdir -p ".build-fuzz/corpus/$target" "fixtures/fuzz/$target"
  log=".build-fuzz/logs/$target.log"
  echo "fuzz: $target for ${seconds}s"
  # The AWS targets run each input on a Swift task: memory freed on another thread after the input
  # ends looks like a leak to libFuzzer's per-input check, so leak detection is off for them.
  case $target in FuzzAWS*) leaks=0; export ASAN_OPTIONS=detect_leaks=0 ;; *) leaks=1; unset ASAN_OPTIONS ;; esac
  "$bin/$target" -detect_leaks=$leaks -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix=".build-fuzz/artifacts/$target-" \
    ".build-fuzz/corpus/$target" "fixtures/fuzz/$target" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  if [ $rc -ne 0 ]; then
    status=1
    summary+=("$target: CRASHED after ${runs:-?} executions (exit $rc): see $log")
    grep -m3 -E 'ERROR|invariant|Fatal error' "$log" | sed 's/^/    /'
  else
    summary+=("$target: ${runs:-?} executions in ${seconds}s, no crash")
  fi
done
printf '%s\n' "fuzz summary:" "${summary[@]/#/  }"
exit $status
