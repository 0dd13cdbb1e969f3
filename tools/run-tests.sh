#!/usr/bin/env bash
# Runs every test of the project and ends with one line: "tests: N passed, M failed".
#   tools/run-tests.sh              all tests (host, tools, kernel, gdb)
#   tools/run-tests.sh --only NAME  one test: a kernel test name, "user:NAME" (the user test
#                                   program /tests/NAME), "host" (all host tests),
#                                   "host:Suite.Case" (GoogleTest filter), "tools" (the host
#                                   tools' Python tests), "host-demos" (the demos built for
#                                   Linux), "kernel-demos" (the demos on the kernel), "bench"
#                                   (make bench runs and writes valid JSON), "fuzz" (the bounded
#                                   fuzz and the replay of tests/fuzz/seeds), or a gdb test name
# Kernel tests run in batches, many in one QEMU boot with a leak check after each
# (tools/run-kernel-batch.sh); tests that end the kernel or need command-line words of their own
# get a boot each (tools/run-kernel-test.sh), as does the one test named by --only. The user tests
# are the programs in the initrd's tests/ folder (but run_all, the driver that runs them), also in
# batches. Everything that runs a program (the host tests' build and run, the demo groups, the
# batches and boots, gdb, the quick bench) is one pool of jobs (tools/run-test-job.sh), as many at
# once as the machine has cores (JOBS=N to change), the longest first; the tool tests come last.
# At the end: the ten slowest tests, and every test's time in $BUILD/test-times.json.
set -u
cd "$(dirname "$0")/.."
export BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
only=""
while [ $# -gt 0 ]; do
    case $1 in
    --only) only=$2; shift 2 ;;
    *) echo "run-tests: unknown argument '$1'" >&2; exit 2 ;;
    esac
done

results=$BUILD/test-results
rm -rf "$results"
mkdir -p "$results"
passed=0
failed=0
failed_names=()
started=$(date +%s)

# Each phase's wall time goes to phases.txt (tools/test-times.py reports it).
phase_started=$started
phase_done() { # phase_done NAME
    local now
    now=$(date +%s)
    [ -z "$only" ] && echo "$1 $((now - phase_started))" >>"$results/phases.txt"
    phase_started=$now
}

record() { # record NAME PASS|FAIL
    if [ "$2" = PASS ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); failed_names+=("$1"); fi
}

# --- which tests exist -------------------------------------------------------------------------
kernel_symbols=$(nm "$BUILD/kernel.elf")
kernel_tests=$(printf '%s\n' "$kernel_symbols" | sed -n 's/^[0-9a-f]* [A-Za-z] kernel_test_//p' |
    grep -v '^own_boot_' | sort)
# Tests with a boot of their own (KERNEL_TEST_ALONE, KERNEL_TEST_EXPECTING_PANIC).
own_boot_tests=$(printf '%s\n' "$kernel_symbols" |
    sed -n 's/^[0-9a-f]* [A-Za-z] kernel_test_own_boot_//p' | sort)
# A test that needs its own command-line words, CPU model or GRUB menu must also be declared
# alone, or it would run in a batch without them.
for name in $( (sed -n 's/^\([a-z_0-9]\{1,\}\)[[:space:]].*/\1/p' tests/kernel/command-lines \
    tests/kernel/cpu-models; cat tests/kernel/through-grub) 2>/dev/null | sort -u); do
    if ! printf '%s\n' $own_boot_tests | grep -qx "$name"; then
        echo "run-tests: $name has command-line words, a CPU model or a GRUB boot of its own" \
            "(tests/kernel/); declare it with KERNEL_TEST_ALONE" >&2
        record "$name (not declared alone)" FAIL
    fi
done
# The bounded fuzz (docs/fuzzing.md): FUZZ_SEEDS boots of FUZZ_CALLS calls each, and one boot per
# seed saved in tests/fuzz/seeds (seeds that once found a bug), run in the same pool of QEMUs.
FUZZ_SEEDS=${FUZZ_SEEDS:-1 2 3 4}
FUZZ_CALLS=${FUZZ_CALLS:-8000}
fuzz_jobs=()
for seed in $FUZZ_SEEDS; do fuzz_jobs+=("fuzz fuzz:seed-$seed --seed $seed --calls $FUZZ_CALLS"); done
[ -s tests/fuzz/seeds ] && fuzz_jobs+=("fuzz fuzz:replay --replay tests/fuzz/seeds")
fuzz_tests=$(printf '%s\n' "${fuzz_jobs[@]}" | awk '{print $2}')
user_programs=$(tar tf "$BUILD/initrd.tar" | sed -n 's|^tests/\([^/]*\)$|\1|p' |
    grep -vx 'run_all' | sort)
kernel_tests="$kernel_tests $(printf 'user:%s\n' $user_programs)"
gdb_tests=$(cd tests/gdb 2>/dev/null && ls *.sh 2>/dev/null | sed 's/\.sh$//' | sort)
run_host=1
if [ -n "$only" ]; then
    run_host=0
    case $only in
    host | host:*) run_host=1; kernel_tests=""; gdb_tests="" ;;
    tools | host-demos | kernel-demos | bench) kernel_tests=""; gdb_tests="" ;;
    fuzz) kernel_tests=$fuzz_tests; gdb_tests="" ;;
    *)
        if printf '%s\n' $kernel_tests | grep -qx "$only"; then
            kernel_tests=$only; gdb_tests=""
        elif printf '%s\n' $gdb_tests | grep -qx "$only"; then
            gdb_tests=$only; kernel_tests=""
        else
            echo "run-tests: no test named '$only'." >&2
            echo "Kernel and user tests: $(echo $kernel_tests)" >&2
            echo "gdb tests: $(echo $gdb_tests)" >&2
            echo "Host tests: 'host' or 'host:Suite.Case'; 'tools'; 'host-demos', 'kernel-demos'." >&2
            exit 2
        fi
        ;;
    esac
fi

# --- every test that runs a program: one pool of jobs, $JOBS at a time --------------------------
# tools/run-test-job.sh runs one job: the host tests (built with one compiler), a demo group, the
# quick bench, the gdb tests, or a batch of kernel or user tests (tools/run-kernel-batch.sh). The
# longest go first, so that no core waits at the end while another finishes a long job.
want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
jobs=()
if [ $run_host = 1 ]; then
    case $only in host:*) export HOST_FILTER=${only#host:} ;; esac
    # Alone, the host build may use every core; in the pool it is one job of many.
    [ -n "$only" ] && export HOST_JOBS=$JOBS
    jobs+=("host")
fi
want kernel-demos && jobs+=("group kernel-demos")
want host-demos && jobs+=("group host-demos")
if [ -n "$kernel_tests" ]; then
    make -s "$BUILD/test.iso" || { echo "run-tests: cannot build $BUILD/test.iso" >&2; exit 1; }
    if [ "$only" = fuzz ]; then
        jobs+=("${fuzz_jobs[@]}")
    elif [ -n "$only" ]; then
        jobs+=("alone $only")
    else
        programs=($user_programs)
        for ((shard = 0; shard < JOBS; ++shard)); do
            group=()
            for ((index = shard; index < ${#programs[@]}; index += JOBS)); do
                group+=("${programs[index]}"); done
            [ ${#group[@]} -gt 0 ] && jobs+=("user ${group[*]}")
        done
        for ((shard = 1; shard <= JOBS; ++shard)); do jobs+=("kernel $shard $JOBS"); done
        kernel_tests="$kernel_tests $fuzz_tests"
    fi
fi
want bench && jobs+=("bench")
[ -n "$(echo $gdb_tests)" ] && jobs+=("gdb $(echo $gdb_tests)")
if [ -z "$only" ]; then
    jobs+=("${fuzz_jobs[@]}")
    for name in $own_boot_tests; do jobs+=("alone $name"); done
fi
if [ ${#jobs[@]} -gt 0 ]; then
    # A single job (--only) may use every core itself.
    [ ${#jobs[@]} = 1 ] && export GROUP_JOBS=$JOBS
    echo "== ${#jobs[@]} jobs, $JOBS at a time: host tests, demos, kernel and user tests" \
        "($(echo $kernel_tests | wc -w), batches boot again after a failure), gdb, bench"
    # The order above is a guess for a first run; after one, the last run's job times decide.
    printf '%s\n' "${jobs[@]}" | python3 tools/test-times.py --order "$BUILD/test-times.json" |
        xargs -P "$JOBS" -L 1 tools/run-test-job.sh
fi

phase_done programs

# --- counting what the jobs wrote ---------------------------------------------------------------
# Host tests (GoogleTest): each test case counts as one test.
if [ $run_host = 1 ]; then
    host_status=$(cat "$results/host.status" 2>/dev/null || echo build)
    if [ "$host_status" = build ]; then
        cat "$results/host-build.log"
        record "host (build)" FAIL
    else
        host_passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$results/host.log")
        host_failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$results/host.log")
        passed=$((passed + ${host_passed:-0}))
        failed=$((failed + ${host_failed:-0}))
        if [ "$host_status" != 0 ]; then
            cat "$results/host.log"
            [ -z "$host_failed" ] && { failed=$((failed + 1)); failed_names+=("host (crashed)"); }
            for name in $(sed -n 's/^\[  FAILED  \] \([A-Za-z0-9_]*\.[A-Za-z0-9_]*\).*/\1/p' \
                "$results/host.log" | sort -u); do failed_names+=("host:$name"); done
        fi
        echo "host: ${host_passed:-0} passed, ${host_failed:-0} failed"
    fi
fi

# Kernel and user tests: one result file each.
for name in $kernel_tests; do
    verdict=$(head -c 4 "$results/$name.result" 2>/dev/null)
    record "$name" "${verdict:-FAIL}"
done

# Groups with a runner of their own: tests/GROUP/run.sh ends with "GROUP: N passed, M failed".
# host-demos: the demo programs built and run on Linux; kernel-demos: the same runs on the kernel
# (the same sources, the same checks of their summaries).
for group in host-demos kernel-demos; do
    want $group || continue
    group_status=$(cat "$results/$group.status" 2>/dev/null || echo 1)
    group_passed=$(sed -n "s/^$group: \([0-9]*\) passed.*/\1/p" "$results/$group.log")
    group_failed=$(sed -n "s/^$group: [0-9]* passed, \([0-9]*\) failed.*/\1/p" "$results/$group.log")
    if [ "$group_status" != 0 ]; then
        grep -v '^PASS' "$results/$group.log"
        [ "${group_failed:-0}" = 0 ] && group_failed=1
        failed_names+=("$group")
    fi
    passed=$((passed + ${group_passed:-0})); failed=$((failed + ${group_failed:-0}))
    echo "$group: ${group_passed:-0} passed, ${group_failed:-0} failed"
done

# gdb tests (batch gdb against QEMU's gdbstub) and the quick bench (make bench runs and writes
# valid JSON; no figure is judged).
singles=$(echo $gdb_tests)
want bench && singles="$singles bench"
for name in $singles; do
    if [ "$(head -c 4 "$results/$name.result" 2>/dev/null)" = PASS ]; then
        echo "PASS  $name"; record "$name" PASS
    else
        echo "FAIL  $name"; cat "$results/$name.log" 2>/dev/null; record "$name" FAIL
    fi
done

# --- tool tests (Python unittest: the trace converter, the contract table, build dependencies) --
if { [ $run_host = 1 ] && [ -z "$only" ]; } || [ "$only" = tools ]; then
    echo "== tool tests"
    tools_ok=1
    : >"$results/tools.log"
    # tests/build asks make what a header change would rebuild, so it needs every dependency
    # file, the host tests' too (the pool has built them, unless --only tools).
    [ -x "$BUILD/host-tests" ] || make -s -j"$JOBS" host-test-binary >/dev/null 2>&1
    for folder in tests/trace tests/contract tests/build; do
        python3 -m unittest discover -b -s "$folder" -v >"$results/tools.$(basename $folder).log" 2>&1
        tail -n 1 "$results/tools.$(basename $folder).log" | grep -q '^OK' || tools_ok=0
        cat "$results/tools.$(basename $folder).log" >>"$results/tools.log"
    done
    tools_passed=$(grep -c '\.\.\. ok$' "$results/tools.log")
    tools_failed=$(grep -cE '\.\.\. (FAIL|ERROR)$' "$results/tools.log")
    if [ $tools_ok = 0 ]; then
        cat "$results/tools.log"
        [ "$tools_failed" = 0 ] && tools_failed=1
        failed_names+=("tools")
    fi
    passed=$((passed + tools_passed)); failed=$((failed + tools_failed))
    echo "tools: $tools_passed passed, $tools_failed failed"
fi

phase_done tools

# --- where the time went: the ten slowest tests, and every test's time as JSON ----------------
python3 tools/test-times.py "$results" "$BUILD/test-times.json" 2>/dev/null

echo
[ $failed -gt 0 ] && echo "failed: ${failed_names[*]}"
echo "(wall time $(($(date +%s) - started)) s; logs in $results/)"
echo "tests: $passed passed, $failed failed"
[ $failed = 0 ] && [ $passed -gt 0 ]
