#!/usr/bin/env bash
# Builds the demos for Linux (make host-demos) and runs each one with small parameters, in
# --plain mode and as a picture, checking what its summary reports: the invariants that hold in
# every interleaving (never two in the restroom, an exact total under a lock, at most B at the
# dock, ...) and the effects the demo exists to show (collisions and lost updates without a
# lock, overlapping IO waits). Never an exact interleaving or a timing that load could spoil.
# The runs and their checks are in checks.sh, shared with the kernel's (tests/kernel-demos/).
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
rm -rf "$results"
mkdir -p "$results"

if ! make -s host-demos >"$results/build.log" 2>&1; then
    cat "$results/build.log"
    echo "host-demos: 0 passed, 1 failed (build)"
    exit 1
fi

source tests/host-demos/checks.sh

# run NAME DEMO ARGS...: runs a demo with a time limit; its output goes to $results/NAME.log.
run() {
    local name=$1 demo=$2
    shift 2
    log=$results/$name.log
    timeout 120 "$bin/$demo" "$@" >"$log" 2>&1
    status=$?
}

selected=("$@")
wanted() { # wanted DEMO: true if DEMO was asked for, or nothing was
    [ ${#selected[@]} -eq 0 ] && return 0
    local name
    for name in "${selected[@]}"; do [ "$name" = "$1" ] && return 0; done
    return 1
}

for entry in "${DEMO_CASES[@]}"; do
    name=${entry%%|*}
    case_wanted "$name" "${selected[@]}" || continue
    run "$name" ${entry#*|}
    check_case "$name"
done

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
