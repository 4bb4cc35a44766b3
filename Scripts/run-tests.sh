#!/usr/bin/env bash
# Runs the whole test suite (built beforehand) under a watchdog, for `make test` and CI.
#
# A test that hangs must fail the run in minutes, with every thread's stack printed, rather
# than stall CI until its own limit and leave nothing to go on. The test process's output is
# line-buffered so the last test that started is on screen when the watchdog fires.
#
# XENTUI_TEST_LIMIT: seconds before the watchdog fires (default 1200; the suite takes ~3 min).
# Arguments are passed on to `swift test`.
set -uo pipefail
cd "$(dirname "$0")/.."

limit="${XENTUI_TEST_LIMIT:-1200}"
swift="${SWIFT:-swift}"

line_buffered=()
command -v stdbuf >/dev/null && line_buffered=(stdbuf -oL -eL)

# Serial: the 2-core machine's cooperative pool is only two threads wide, and several suites
# start servers and threads of their own.
"${line_buffered[@]}" "$swift" test --skip-build --no-parallel "$@" &
runner=$!

# The test processes swift-test started (xentuiPackageTests.xctest), children of the runner.
test_processes() {
    pgrep -P "$runner" 2>/dev/null
    for child in $(pgrep -P "$runner" 2>/dev/null); do pgrep -P "$child" 2>/dev/null; done
}

dump_stacks() {
    local pid
    for pid in $(test_processes); do
        echo "=== watchdog: threads of $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120) (pid $pid)"
        if command -v gdb >/dev/null; then
            timeout 60 gdb -p "$pid" -batch -nx -ex "set pagination off" -ex "thread apply all bt 40" 2>&1 |
                grep -v -E '^\[(New LWP|Thread debugging|Inferior)|^Using host libthread_db'
        else
            for task in /proc/"$pid"/task/*; do
                echo "thread $(cat "$task/comm" 2>/dev/null): $(cat "$task/wchan" 2>/dev/null)"
            done
        fi
    done
}

waited=0
while kill -0 "$runner" 2>/dev/null; do
    if [ "$waited" -ge "$limit" ]; then
        echo
        echo "=== watchdog: the tests did not finish within ${limit}s; a test hangs. Stacks follow."
        dump_stacks
        pkill -KILL -P "$runner" 2>/dev/null
        kill -KILL "$runner" 2>/dev/null
        wait "$runner" 2>/dev/null
        exit 124
    fi
    sleep 5
    waited=$((waited + 5))
done
wait "$runner"
