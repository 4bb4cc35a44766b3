#!/usr/bin/env bash
# Fuzzes xentui's decoders and parsers with libFuzzer and AddressSanitizer (`make fuzz`; a short
# run is part of `make test`). Each target in Sources/FuzzTargets runs for SECONDS, seeded from
# Fuzz/Seeds/TARGET, the crashes found before (Fuzz/Regressions/TARGET) and, when present, the
# real xapi fixtures beside the project. A crash or a hang fails the run; its input is kept in
# Fuzz/Regressions/TARGET: commit it, and the unit tests replay it from then on.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET…]     (default: 10 s each, every target)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-10}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(xmlrpc jsonrpc statedb filter keymap theme)

scratch="$PWD/.build-fuzz"
swift="${SWIFT:-swift}"
echo "building the fuzzer (libFuzzer + AddressSanitizer) in .build-fuzz"
"$swift" build --package-path Fuzz --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address \
    2>&1 | grep -v -E "ld.gold: warning: Cannot export local symbol" || true
fuzzer="$("$swift" build --package-path Fuzz --scratch-path "$scratch" --show-bin-path)/xentui-fuzz"
[ -x "$fuzzer" ] || { echo "the fuzzer did not build"; exit 1; }

fixtures="../shared/xapi/fixtures"
failed=()
for target in "${targets[@]}"; do
    corpus="$scratch/corpus/$target"
    regressions="Fuzz/Regressions/$target"
    mkdir -p "$corpus" "$regressions"
    extra=()
    case "$target" in
        jsonrpc) [ -d "$fixtures/jsonrpc-spec" ] && extra+=("$fixtures/jsonrpc-spec") ;;
        statedb) [ -d "$fixtures/xapi-db" ] && extra+=("$fixtures/xapi-db") ;;
    esac
    echo "fuzzing $target for ${seconds}s"
    log="$scratch/$target.log"
    # The corpus folder comes first: libFuzzer adds what it learns there; the others are read only.
    if XENTUI_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=0:allocator_may_return_null=1" \
        "$fuzzer" "$corpus" "Fuzz/Seeds/$target" "$regressions" "${extra[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$regressions/" -print_final_stats=1 >"$log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$log" | tr '\n' ' '
        echo
    else
        echo "FAILED: $target (the input is in $regressions; the fuzzer's report follows)"
        grep -v -E "^#[0-9]+\s+(NEW|REDUCE|pulse|INITED)" "$log" | tail -60
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found crashes in: ${failed[*]}"
    exit 1
fi
echo "fuzzing: no crash in ${targets[*]}"
