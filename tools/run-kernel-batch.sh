#!/usr/bin/env bash
# Runs many kernel tests in one QEMU boot (kernel/testing/kernel_test.h, "test=all"), or many
# user test programs in one boot (run_all with their names), and writes one result per test:
# $BUILD/test-results/NAME.result ("PASS" or "FAIL: reason"), NAME.log (that test's part of the
# serial log) and NAME.time (milliseconds).
#   tools/run-kernel-batch.sh kernel K N       the K-th of every N kernel tests that share a boot
#   tools/run-kernel-batch.sh user NAME...     the user test programs NAME... (as user:NAME)
#   tools/run-kernel-batch.sh alone NAME       one test in a boot of its own (run-kernel-test.sh)
#   tools/run-kernel-batch.sh fuzz NAME ARGS   the fuzzer's driver (tools/fuzz/fuzz.py ARGS) as the
#                                              test NAME: one seed, or --replay of saved seeds
# The boot gets its command line through QEMU's fw_cfg (arch/firmware_config.h), and QEMU loads
# the kernel itself (tools/direct-boot.bash), so every batch boots the same files. When a test fails, the boot ends there (a failed EXPECT or a
# panic stops the kernel); the batch then boots again, starting after it, so one failure never
# hides the results of the tests after it. A boot silent for $BATCH_SILENCE seconds is ended and
# the test it was in fails.
set -u
BUILD=${BUILD:-build}
source tools/direct-boot.bash
SILENCE=${BATCH_SILENCE:-60}
results=$BUILD/test-results
kind=$1
shift
tag=$kind-$(echo "$@" | tr ' /' '_-' | cut -c1-40)

# boot WORDS LOG: one QEMU run with WORDS as extra command-line words; returns QEMU's status.
# A watchdog ends QEMU once the log has not grown for $SILENCE seconds.
boot() {
    local words=$1 log=$2
    : >"$log"
    qemu-system-i386 -m 128M -accel tcg -cpu "$(tools/qemu-cpu.sh)" -no-reboot -display none \
        "${DIRECT_BOOT[@]}" -serial "file:$log" \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -fw_cfg "name=opt/teaching-kernel/command-line,string=${words//,/,,}" \
        ${QEMU_EXTRA:-} </dev/null >"$log.qemu" 2>&1 &
    local qemu=$! size=-1 quiet=0
    while kill -0 $qemu 2>/dev/null; do
        sleep 1
        local now
        now=$(stat -c %s "$log" 2>/dev/null || echo 0)
        if [ "$now" = "$size" ]; then quiet=$((quiet + 1)); else quiet=0; size=$now; fi
        if [ $quiet -ge "$SILENCE" ]; then
            kill $qemu 2>/dev/null
            wait $qemu 2>/dev/null
            echo "(no output for $SILENCE s: QEMU stopped by the test runner)" >>"$log"
            return 124
        fi
    done
    wait $qemu
}

# verdict NAME RESULT TEXT-FILE: writes NAME.result and NAME.log, and prints the PASS/FAIL line.
verdict() {
    local name=$1 result=$2 text=$3 milliseconds=${4:-}
    # A system call answered with an error its contract does not list (kernel/syscall/contract.cpp).
    if [ "$result" = PASS ] && grep -q 'CONTRACT BROKEN' "$text"; then
        result="FAIL: $(grep -m1 -o 'CONTRACT BROKEN.*' "$text")"
    fi
    echo "$result" >"$results/$name.result"
    cp "$text" "$results/$name.log"
    [ -n "$milliseconds" ] && echo "$milliseconds" >"$results/$name.time"
    local seconds=""
    [ -n "$milliseconds" ] && seconds=$(printf '%d.%01d s' $((milliseconds / 1000)) \
        $((milliseconds % 1000 / 100)))
    if [ "$result" = PASS ]; then
        printf 'PASS  %-36s %7s\n' "$name" "$seconds"
    else
        printf 'FAIL  %-36s %7s  %s\n' "$name" "$seconds" "$result"
        echo "---- serial log of $name (from its batch) ----"
        cat "$text"
        echo "---- end of $name ----"
    fi
}

# --- kernel tests: test=all test-shard=K/N [test-after=NAME], booted again after a failure -----
run_kernel_shard() {
    local shard="$1/$2" after="" round=0
    while :; do
        round=$((round + 1))
        local log=$results/batch-$tag-$round.serial
        boot "test=all test-shard=$shard${after:+ test-after=$after}" "$log"
        local status=$?
        tr -d '\r' <"$log" >"$log.txt"
        # Split the log at each "TEST START name": each test's part goes to its own file.
        awk -v dir="$results" -v tag="$tag-$round" '
            /^TEST START / { name = $3; file = dir "/" name ".part"; printf "" > file }
            name != "" { print >> file }
            /^TEST TIME / { printf "%s", $4 > (dir "/" $3 ".ms") ; close(dir "/" $3 ".ms") }
        ' "$log.txt"
        local last=""
        while read -r word test rest; do
            case $word in
            START) last=$test ;;
            PASS) verdict "$test" PASS "$results/$test.part" "$(cat "$results/$test.ms" 2>/dev/null)"
                last="" ;;
            esac
        done < <(sed -n 's/^TEST \(START\|PASS\) /\1 /p' "$log.txt")
        grep -q '^TEST BATCH DONE$' "$log.txt" && return 0
        if [ -z "$last" ]; then
            # Died outside any test (before the first one, or in a leak check's settling): say
            # so on a pseudo-test, and stop this shard.
            verdict "batch-$shard" "FAIL: QEMU status $status outside any test" "$log.txt"
            return 1
        fi
        local reason
        reason=$(grep -m1 "^TEST FAIL $last" "$results/$last.part" ||
            grep -m1 'PANIC' "$results/$last.part" || echo "QEMU status $status")
        [ $status = 124 ] && reason="no output for $SILENCE s"
        verdict "$last" "FAIL: $reason" "$results/$last.part"
        after=$last
    done
}

# --- user tests: run_all with the programs' names; "PASS name" / "FAIL name (...)" lines --------
run_user_batch() {
    local log=$results/batch-$tag.serial
    boot "test-exit=user:batch run=/tests/run_all $*" "$log"
    local status=$?
    tr -d '\r' <"$log" >"$log.txt"
    awk -v dir="$results" '
        /^RUN / { name = $2; file = dir "/user:" name ".part"; printf "" > file }
        name != "" { print >> file }
    ' "$log.txt"
    for program in "$@"; do
        local part=$results/user:$program.part
        [ -f "$part" ] || cp "$log.txt" "$part"
        local ms
        ms=$(sed -n "s/^TIME $program \([0-9]*\) ms$/\1/p" "$part")
        if grep -qx "PASS $program" "$part"; then
            verdict "user:$program" PASS "$part" "$ms"
        else
            local reason
            reason=$(grep -m1 "^FAIL $program" "$part" || echo "no verdict (QEMU status $status)")
            verdict "user:$program" "FAIL: $reason" "$part" "$ms"
        fi
    done
}

# --- the fuzzer: tools/fuzz/fuzz.py judges its boots itself (panic, hang, leak, contract) -------
run_fuzz() {
    local name=$1
    shift
    local log=$results/$name.out started status
    started=$(date +%s%N)
    python3 tools/fuzz/fuzz.py --build "$BUILD" --jobs 1 "$@" >"$log" 2>&1
    status=$?
    local milliseconds=$((($(date +%s%N) - started) / 1000000))
    if [ $status = 0 ]; then
        verdict "$name" PASS "$log" "$milliseconds"
    else
        verdict "$name" "FAIL: $(grep -m1 '^FAIL' "$log" || tail -n 1 "$log")" "$log" "$milliseconds"
    fi
}

case $kind in
kernel) run_kernel_shard "$1" "$2" ;;
fuzz) run_fuzz "$@" ;;
user) run_user_batch "$@" ;;
alone) exec tools/run-kernel-test.sh "$1" ;; # a boot of its own, through GRUB's command line
*) echo "run-kernel-batch: kernel K N, user NAME..., alone NAME, or fuzz NAME ARGS" >&2; exit 2 ;;
esac
exit 0
