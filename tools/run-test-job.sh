#!/usr/bin/env bash
# One job of make test's pool: tools/run-tests.sh runs JOBS of these at a time, the longest
# first, so that every core stays busy until the end. A job writes its results into
# $BUILD/test-results/ and run-tests.sh counts them once the pool is done.
#   run-test-job.sh host                  build the host tests (one compiler) and run them:
#                                         host.log, host-build.log, host.status
#   run-test-job.sh group NAME            tests/NAME/run.sh (host-demos, kernel-demos), one boot
#                                         or program at a time: NAME.log, NAME.status
#   run-test-job.sh bench                 tools/bench/check_bench.sh: bench.log, bench.result
#   run-test-job.sh gdb NAME...           the gdb tests, one after another (they share a port)
#   run-test-job.sh kernel|user|alone|fuzz ...   tools/run-kernel-batch.sh with these arguments
# Every job but the batches writes NAME.time (milliseconds) for tools/test-times.py, and every job
# adds a line "MILLISECONDS JOB..." to job-times.txt: the next run starts the longest jobs first.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
results=$BUILD/test-results
kind=$1
shift

now_ms() { echo $(($(date +%s%N) / 1000000)); }
started=$(now_ms)
job_started=$started
job="$kind${*:+ $*}"
trap 'echo "$(($(now_ms) - job_started)) $job" >>"$results/job-times.txt"' EXIT
finish() { # finish NAME: its time, for the list of the slowest
    echo $(($(now_ms) - started)) >"$results/$1.time"
}

case $kind in
host)
    if make -s -j"${HOST_JOBS:-1}" host-test-binary >"$results/host-build.log" 2>&1; then
        "$BUILD/host-tests" ${HOST_FILTER:+"--gtest_filter=$HOST_FILTER"} --gtest_brief=1 \
            >"$results/host.log" 2>&1
        echo $? >"$results/host.status"
    else
        echo build >"$results/host.status"
    fi
    finish host
    ;;
group)
    # One at a time inside the job: the pool already runs a job per core.
    JOBS=${GROUP_JOBS:-1} "tests/$1/run.sh" >"$results/$1.log" 2>&1
    echo $? >"$results/$1.status"
    finish "$1"
    ;;
bench)
    if tools/bench/check_bench.sh "$results/bench" >"$results/bench.log" 2>&1; then
        echo PASS >"$results/bench.result"
    else
        echo "FAIL: see bench.log" >"$results/bench.result"
    fi
    finish bench
    ;;
gdb)
    for name in "$@"; do
        started=$(now_ms)
        if bash "tests/gdb/$name.sh" >"$results/$name.log" 2>&1; then
            echo PASS >"$results/$name.result"
        else
            echo "FAIL: see $name.log" >"$results/$name.result"
        fi
        finish "$name"
    done
    ;;
kernel | user | alone | fuzz)
    tools/run-kernel-batch.sh "$kind" "$@"
    ;;
*)
    echo "run-test-job: unknown kind '$kind'" >&2
    exit 2
    ;;
esac
