# The runs of the demos and what each must show, shared by the two places the demos run:
# tests/host-demos/run.sh (built for Linux) and tests/kernel-demos/run.sh (on the kernel).
# Sourced by both. A runner runs each case of DEMO_CASES its own way, then, with the case's
# output in $log and its exit status in $status, calls check_case NAME.
#
# The checks assert only what holds in every interleaving (a mutex keeps two out; a counter
# under a lock is exact; at most B at the dock) or effects the demo forces with a deliberate
# window (a sched_yield inside the room, a read-modify-write window of CPU work, sleeps of 3 ms
# or more around which the GIL is free), never an exact interleaving or a timing.

# "NAME|DEMO ARGUMENTS": the plain runs, then the pictures.
DEMO_CASES=(
    "restroom|restroom --plain --workers 4 --visits 10 --stay-ms 2 --think-ms 1"
    "restroom-no-lock|restroom --plain --no-lock --workers 4 --visits 10 --stay-ms 3 --think-ms 0"
    "kitchen|kitchen --plain --workers 6 --keys 3 --visits 6 --stay-ms 3 --think-ms 0 --cost-rounds 20000"
    "kitchen-one-key|kitchen --plain --workers 4 --keys 1 --visits 5 --stay-ms 2 --think-ms 0 --cost-rounds 20000"
    "race|race --plain --threads 4 --increments 3000 --window-us 20"
    "race-lock|race --plain --lock --threads 4 --increments 3000 --window-us 20"
    "gil|gil --plain --threads 3 --work-ms 150 --io-waits 3 --io-ms 30 --switch-ms 5"
    "workshop|workshop --plain --workshops 3 --workers 3 --rounds 3 --make-ms 5 --dock-ms 3 --bays 2"
    "restroom-picture|restroom --workers 6 --visits 3 --stay-ms 20 --think-ms 20"
    "kitchen-picture|kitchen --workers 8 --keys 3 --visits 2 --stay-ms 30 --think-ms 10 --cost-rounds 1000"
    "race-picture|race --threads 4 --increments 1500 --window-us 100"
    "gil-picture|gil --threads 4 --work-ms 300 --io-waits 2 --io-ms 50"
    "workshop-picture|workshop --workshops 6 --workers 8 --rounds 2 --make-ms 20 --dock-ms 10"
)

passed=0
failed=0
failed_names=()
log=""
status=0

pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); failed_names+=("$1"); }

# figure KEY: a value from the "figures:" lines of the case's output.
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

# Lines wider than 80 columns in the output ($WIDTH_EXEMPT: a pattern of lines not checked).
wide_lines() {
    if [ -n "${WIDTH_EXEMPT:-}" ]; then
        awk 'length > 80' "$log" | grep -v -E "$WIDTH_EXEMPT"
    else
        awk 'length > 80' "$log"
    fi
}

# The common part of every plain run: exit status 0, a PASS line, no line wider than 80.
expect_verdict() {
    local name=$1 demo=$2
    expect "$name" "exits with 0 and says PASS" "$status == 0 && $(grep -c "^PASS: $demo\$" "$log") == 1"
    local wide
    wide=$(wide_lines)
    if [ -z "$wide" ]; then pass "$name: every line fits 80 columns"; else
        fail "$name: every line fits 80 columns"; printf '      | %s\n' "$wide"; fi
}

# A picture run: frames fit 80 x 25 and the summary still says PASS.
expect_picture() {
    local name=$1 demo=$2
    expect "$name" "exits with 0 and says PASS" "$status == 0 && $(grep -c "^PASS: $demo\$" "$log") == 1"
    local frames
    frames=$(python3 tests/host-demos/check_frames.py <"$log" 2>"$log.frames")
    expect "$name" "draws frames that fit 80 x 25 ($frames frames)" "${frames:-0} > 0 && $(wc -c <"$log.frames") == 0"
}

# check_case NAME: the checks of one case of DEMO_CASES, on $log and $status.
check_case() {
    local name=$1
    case $name in
    *-picture) expect_picture "$name" "${name%-picture}" ;;
    restroom)
        expect_verdict restroom restroom
        expect restroom "never two inside" "$(figure max_inside) == 1"
        expect restroom "every worker got in exactly 10 times" "$(figure workers_exact) == 4 && $(figure visits_total) == 40" ;;
    restroom-no-lock)
        expect_verdict restroom-no-lock restroom
        expect restroom-no-lock "without the lock, two or more inside" "$(figure max_inside) >= 2 && $(figure collisions) >= 1"
        expect restroom-no-lock "every worker still got in 10 times" "$(figure visits_total) == 40" ;;
    kitchen)
        expect_verdict kitchen kitchen
        expect kitchen "never more than 3 inside, and 3 reached" "$(figure max_inside) == 3"
        expect kitchen "every worker got in exactly 6 times" "$(figure workers_exact) == 6 && $(figure visits_total) == 36" ;;
    kitchen-one-key)
        expect_verdict kitchen-one-key kitchen
        expect kitchen-one-key "one key: one inside at a time" "$(figure max_inside) == 1"
        expect kitchen-one-key "measured both costs" "$(figure mutex_op_tenths_ns) > 0 && $(figure semaphore_op_tenths_ns) > 0" ;;
    race)
        expect_verdict race race
        expect race "without a lock, updates are lost" "$(figure lost) > 0 && $(figure counter) < $(figure expected)" ;;
    race-lock)
        expect_verdict race-lock race
        expect race-lock "with the mutex, the total is exact" "$(figure counter) == 12000 && $(figure lost) == 0" ;;
    gil)
        expect_verdict gil gil
        expect gil "one thread at a time holds the GIL" "$(figure gil_most_inside) == 1"
        expect gil "GIL threads never compute together (CPU time <= 1.10 x elapsed)" "$(figure cpu_gil_busy) <= 110"
        expect gil "IO waits overlap under the GIL" "$(figure io_most_waiting) >= 2 && $(figure io_gil_ms) * 4 < $(figure io_one_ms) * 3" ;;
    workshop)
        expect_verdict workshop workshop
        expect workshop "every tally board exact" "$(figure w1_tally) == 9 && $(figure w2_tally) == 9 && $(figure w3_tally) == 9"
        expect workshop "one variable, a value per workshop" "$(figure w1_number) == 1 && $(figure w2_number) == 2 && $(figure w3_number) == 3"
        expect workshop "the trespasser is stopped by SIGSEGV" "$(figure trespasser_signal) == 11"
        expect workshop "never more than 2 crates at the dock" "$(figure dock_most) <= 2 && $(figure dock_most) >= 1"
        expect workshop "every crate shipped" "$(figure crates) == 27"
        expect workshop "the system counted the switches to each workshop" "$(figure w1_switches) >= 1 && $(figure w2_switches) >= 1 && $(figure w3_switches) >= 1" ;;
    *) fail "$name: no checks for this case" ;;
    esac
}

# case_wanted NAME [DEMO...]: true if the case's demo is among those given, or none were.
case_wanted() {
    local name=$1 demo
    shift
    [ $# -eq 0 ] && return 0
    for demo in "$@"; do
        case $name in "$demo" | "$demo"-*) return 0 ;; esac
    done
    return 1
}
