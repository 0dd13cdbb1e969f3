#!/usr/bin/env bash
# Builds the demos for Linux (make host-demos) and runs each one with small parameters, in
# --plain mode and as a picture, checking what its summary reports: the invariants that hold in
# every interleaving (never two in the restroom, an exact total under a lock, at most B at the
# dock, ...) and the effects the demo exists to show (collisions and lost updates without a
# lock, overlapping IO waits). Never an exact interleaving or a timing that load could spoil.
#
#   tests/host-demos/run.sh            all demos
#   tests/host-demos/run.sh race gil   only these
#
# Ends with "host-demos: N passed, M failed"; logs go to build/host-demos-results/.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
bin=$BUILD/host-demos
results=$BUILD/host-demos-results
here=tests/host-demos
rm -rf "$results"
mkdir -p "$results"

if ! make -s host-demos >"$results/build.log" 2>&1; then
    cat "$results/build.log"
    echo "host-demos: 0 passed, 1 failed (build)"
    exit 1
fi

passed=0
failed=0
failed_names=()
log=""

pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); failed_names+=("$1"); }

# run NAME DEMO ARGS...: runs a demo with a time limit; its output goes to $results/NAME.log.
run() {
    local name=$1 demo=$2
    shift 2
    log=$results/$name.log
    timeout 120 "$bin/$demo" "$@" >"$log" 2>&1
    status=$?
}

# figure KEY: a value from the "figures:" lines of the last run.
figure() {
    sed -n 's/^figures://p' "$log" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# expect NAME TEXT CONDITION: one check; CONDITION is a bash arithmetic expression.
expect() {
    local name=$1 text=$2 condition=$3
    if (( condition )) 2>/dev/null; then
        pass "$name: $text"
    else
        fail "$name: $text   [$condition]"
        sed 's/^/      | /' "$log" | tail -n 25
    fi
}

# The common part of every plain run: exit status 0, a PASS line, no line wider than 80.
expect_verdict() {
    local name=$1 demo=$2
    expect "$name" "exits with 0 and says PASS" "$status == 0 && $(grep -c "^PASS: $demo\$" "$log") == 1"
    local wide
    wide=$(awk 'length > 80' "$log")
    if [ -z "$wide" ]; then pass "$name: every line fits 80 columns"; else
        fail "$name: every line fits 80 columns"; printf '      | %s\n' "$wide"; fi
}

# A picture run: frames fit 80 x 25 and the summary still says PASS.
expect_picture() {
    local name=$1 demo=$2
    shift 2
    run "$name" "$demo" "$@"
    expect "$name" "exits with 0 and says PASS" "$status == 0 && $(grep -c "^PASS: $demo\$" "$log") == 1"
    local frames
    frames=$(python3 "$here/check_frames.py" <"$log" 2>>"$log.frames")
    expect "$name" "draws frames that fit 80 x 25 ($frames frames)" "${frames:-0} > 0 && $(wc -c <"$log.frames") == 0"
}

selected=("$@")
wanted() { # wanted DEMO: true if DEMO was asked for, or nothing was
    [ ${#selected[@]} -eq 0 ] && return 0
    local name
    for name in "${selected[@]}"; do [ "$name" = "$1" ] && return 0; done
    return 1
}

if wanted restroom; then
    run restroom restroom --plain --workers 4 --visits 10 --stay-ms 2 --think-ms 1
    expect_verdict restroom restroom
    expect restroom "never two inside" "$(figure max_inside) == 1"
    expect restroom "every worker got in exactly 10 times" "$(figure workers_exact) == 4 && $(figure visits_total) == 40"

    run restroom-no-lock restroom --plain --no-lock --workers 4 --visits 10 --stay-ms 3 --think-ms 0
    expect_verdict restroom-no-lock restroom
    expect restroom-no-lock "without the lock, two or more inside" "$(figure max_inside) >= 2 && $(figure collisions) >= 1"
    expect restroom-no-lock "every worker still got in 10 times" "$(figure visits_total) == 40"

    expect_picture restroom-picture restroom --workers 6 --visits 3 --stay-ms 20 --think-ms 20
fi

if wanted kitchen; then
    run kitchen kitchen --plain --workers 6 --keys 3 --visits 6 --stay-ms 3 --think-ms 0 --cost-rounds 20000
    expect_verdict kitchen kitchen
    expect kitchen "never more than 3 inside, and 3 reached" "$(figure max_inside) == 3"
    expect kitchen "every worker got in exactly 6 times" "$(figure workers_exact) == 6 && $(figure visits_total) == 36"

    run kitchen-one-key kitchen --plain --workers 4 --keys 1 --visits 5 --stay-ms 2 --think-ms 0 --cost-rounds 20000
    expect_verdict kitchen-one-key kitchen
    expect kitchen-one-key "one key: one inside at a time" "$(figure max_inside) == 1"
    expect kitchen-one-key "measured both costs" "$(figure mutex_op_tenths_ns) > 0 && $(figure semaphore_op_tenths_ns) > 0"

    expect_picture kitchen-picture kitchen --workers 8 --keys 3 --visits 2 --stay-ms 30 --think-ms 10 --cost-rounds 1000
fi

if wanted race; then
    run race race --plain --threads 4 --increments 3000 --window-us 20
    expect_verdict race race
    expect race "without a lock, updates are lost" "$(figure lost) > 0 && $(figure counter) < $(figure expected)"

    run race-lock race --plain --lock --threads 4 --increments 3000 --window-us 20
    expect_verdict race-lock race
    expect race-lock "with the mutex, the total is exact" "$(figure counter) == 12000 && $(figure lost) == 0"

    expect_picture race-picture race --threads 4 --increments 1500 --window-us 100
fi

if wanted gil; then
    run gil gil --plain --threads 3 --work-ms 150 --io-waits 3 --io-ms 30 --switch-ms 5
    expect_verdict gil gil
    expect gil "one thread at a time holds the GIL" "$(figure gil_most_inside) == 1"
    expect gil "GIL threads never compute together (CPU time <= 1.10 x elapsed)" "$(figure cpu_gil_busy) <= 110"
    expect gil "IO waits overlap under the GIL" "$(figure io_most_waiting) >= 2 && $(figure io_gil_ms) * 4 < $(figure io_one_ms) * 3"

    expect_picture gil-picture gil --threads 4 --work-ms 300 --io-waits 2 --io-ms 50
fi

if wanted workshop; then
    run workshop workshop --plain --workshops 3 --workers 3 --rounds 3 --make-ms 5 --dock-ms 3 --bays 2
    expect_verdict workshop workshop
    expect workshop "every tally board exact" "$(figure w1_tally) == 9 && $(figure w2_tally) == 9 && $(figure w3_tally) == 9"
    expect workshop "one variable, a value per workshop" "$(figure w1_number) == 1 && $(figure w2_number) == 2 && $(figure w3_number) == 3"
    expect workshop "the trespasser is stopped by SIGSEGV" "$(figure trespasser_signal) == 11"
    expect workshop "never more than 2 crates at the dock" "$(figure dock_most) <= 2 && $(figure dock_most) >= 1"
    expect workshop "every crate shipped" "$(figure crates) == 27"

    expect_picture workshop-picture workshop --workshops 6 --workers 8 --rounds 2 --make-ms 20 --dock-ms 10
fi

# The demos must build unchanged against the kernel's user library, which offers only a fixed
# set of C and POSIX functions (docs/demos.md). Every function the demo objects call from
# outside (platform.c aside, the one place for system differences) must be among them.
if [ ${#selected[@]} -eq 0 ]; then
    allowed="printf fprintf snprintf vsnprintf puts fputs putchar fflush perror malloc calloc free
        exit atoi strtol abort __errno_location stdout stderr pthread_create pthread_join
        pthread_exit pthread_self pthread_mutex_init pthread_mutex_destroy pthread_mutex_lock
        pthread_mutex_trylock pthread_mutex_unlock sem_init sem_destroy sem_wait sem_trywait
        sem_post sem_getvalue sem_open sem_close sem_unlink sched_yield usleep sleep getpid
        ftruncate clock_gettime nanosleep posix_spawn waitpid kill shm_open shm_unlink mmap munmap"
    objects=$(find "$bin/objects" -name '*.o' ! -name platform.o)
    log=$results/functions.log
    comm -23 <(nm -u $objects | awk 'NF == 2 { print $2 }' | sort -u) \
        <(nm --defined-only $(find "$bin/objects" -name '*.o') | awk 'NF == 3 { print $3 }' | sort -u) |
        grep -v -E '^(str|mem)' | grep -v -x -F -f <(printf '%s\n' $allowed) >"$log"
    if [ -s "$log" ]; then
        fail "portability: the demos call only the user library's functions"
        sed 's/^/      | not offered: /' "$log"
    else
        pass "portability: the demos call only the user library's functions"
    fi
    log=""
fi

# Every demo answers --help and rejects nonsense with status 2.
for demo in restroom kitchen race gil workshop; do
    wanted "$demo" || continue
    run "$demo-help" "$demo" --help
    expect "$demo-help" "--help prints the usage, within 80 columns" \
        "$status == 0 && $(grep -c '^usage:' "$log") == 1 && $(awk 'length > 79' "$log" | wc -l) == 0"
    run "$demo-bad" "$demo" --no-such-option
    expect "$demo-bad" "an unknown option is refused" "$status == 2"
done

echo
[ $failed -gt 0 ] && echo "failed: ${failed_names[*]}"
echo "host-demos: $passed passed, $failed failed"
[ $failed = 0 ]
