#!/usr/bin/env bash
# Runs the demos on the kernel: one QEMU boot per case of tests/host-demos/checks.sh, with
# "test-exit=demo:NAME run=/demos/DEMO ARGS" on the command line (init runs the demo, and the
# kernel leaves QEMU when init ends), then the same checks of the summaries' figures and of the
# pictures' frames as on Linux, plus what only the kernel can say (one CPU).
#
#   tests/kernel-demos/run.sh            all demos (make first: it boots build/kernel.elf)
#   tests/kernel-demos/run.sh race gil   only these
#
# QEMU runs with -icount: the virtual clock advances with the instructions executed, so every
# timer interrupt, and so every preemption, lands at the same instruction on every run, however
# busy the host is. The checks assert only what holds in any interleaving (or effects the demos
# force with a deliberate window), so they would pass without it too; -icount makes the run a
# repeatable experiment, e.g. "race without a lock loses updates under the default quantum".
# With sleep=off an idle CPU skips ahead to the next timer instead of waiting in real time.
#
# Boots run JOBS at a time (default: the host's cores); QEMU loads the kernel itself
# (tools/direct-boot.bash) and passes the demo's words through its fw_cfg. Ends with "kernel-demos: N passed, M failed"; serial
# logs go to build/kernel-demos-results/.
set -u
cd "$(dirname "$0")/../.."
export BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
make -s "$BUILD/kernel.elf" "$BUILD/kernel.sym" "$BUILD/initrd.tar" || exit 1
results=$BUILD/kernel-demos-results
rm -rf "$results"
mkdir -p "$results"
source tests/host-demos/checks.sh

# boot NAME DEMO ARGS...: boots the kernel with the demo, writes $results/NAME.serial.
boot() {
    local name=$1
    shift
    # The kernel loaded by QEMU, with the words through fw_cfg (tools/run-kernel-batch.sh);
    # QEMU reads a comma in an option's value as ",,".
    local words="test-exit=demo:$name run=/demos/$*"
    # Sourced here: boot runs in a shell of its own (xargs below), which arrays do not reach.
    source tools/direct-boot.bash
    timeout "${DEMO_TIMEOUT:-300}" qemu-system-i386 -m 128M -accel tcg -icount shift=4,sleep=off \
        -cpu "$(tools/qemu-cpu.sh)" -no-reboot -display none "${DIRECT_BOOT[@]}" \
        -serial "file:$results/$name.serial" -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -fw_cfg "name=opt/teaching-kernel/command-line,string=${words//,/,,}" \
        </dev/null >"$results/$name.qemu.log" 2>&1
}

# The demo's own output (between init's "running" and "exited" lines) into $log, and the exit
# status init reported into $status (137 if it was killed, 255 if it never ended).
extract() {
    local name=$1 serial=$results/$1.serial
    log=$results/$name.log
    tr -d '\r' <"$serial" 2>/dev/null | sed -n '/^init: running /,/^init: .* \(exited\|killed\)/p' |
        sed '1d;$d' >"$log"
    local ended
    ended=$(tr -d '\r' <"$serial" 2>/dev/null | grep -m1 '^init: /demos/.* \(exited\|killed\)')
    case $ended in
    *"exited with status "*) status=${ended##*status } ;;
    *"killed by "*) status=137 ;; # the signal's number does not matter to the checks
    *) status=255 ;;
    esac
    [[ $status =~ ^[0-9]+$ ]] || status=255
}

cases=()
for entry in "${DEMO_CASES[@]}"; do
    case_wanted "${entry%%|*}" "$@" && cases+=("$entry")
done
export results
export -f boot
printf '%s\n' "${cases[@]}" | xargs -P "$JOBS" -I{} bash -c 'entry="{}"; boot "${entry%%|*}" ${entry#*|}'

# The kernel reports a process ended by a fault on the console, in the middle of the demo's
# output (the workshop's trespasser): that line is the kernel's, not the demo's.
WIDTH_EXEMPT='^[a-z_]+\[[0-9]+\]: killed: '
for entry in "${cases[@]}"; do
    name=${entry%%|*}
    extract "$name"
    check_case "$name"
    case $name in
    gil) expect gil "the kernel has one CPU, and says so" "$(figure cpus) == 1" ;;
    workshop) expect workshop "the summary says one CPU worked" "$(grep -c '^ *one CPU: ' "$log") == 1" ;;
    esac
done

echo
[ $failed -gt 0 ] && echo "failed: ${failed_names[*]}"
echo "kernel-demos: $passed passed, $failed failed"
[ $failed = 0 ]
