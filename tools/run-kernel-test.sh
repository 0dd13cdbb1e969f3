#!/usr/bin/env bash
# Boots the kernel once with "test=NAME" and decides the verdict from QEMU's exit status and the
# serial log. Writes $BUILD/test-results/NAME.result ("PASS" or "FAIL: reason") and NAME.log.
# A user test "user:PROGRAM" boots with "test-exit=user:PROGRAM run=/tests/run_all PROGRAM"
# instead (the suite's driver runs the one program with the leak check around it; without a
# driver, run=/tests/PROGRAM): init runs it, and when init ends the kernel prints the verdict
# (exit status 0 passes) and leaves QEMU the same way as a kernel test.
#   exit status 33 + "TEST PASS NAME"            -> PASS
#   the log says "TEST EXPECT PANIC: text"       -> PASS only on status 35 with a PANIC report
#                                                   that contains the text (in the report, not
#                                                   in the announcement line)
#   anything else, or no exit within the timeout -> FAIL
#   and any test whose log has "CONTRACT BROKEN" -> FAIL: a system call returned an error that
#   its contract in libk/abi/system_calls.h does not list (kernel/syscall/contract.h)
# Extra command-line words for a test come from tests/kernel/command-lines (NAME words...).
# QEMU loads the kernel itself (tools/direct-boot.bash), with the words through its fw_cfg device
# (arch/firmware_config.h); a test listed in tests/kernel/through-grub gets an ISO of its own
# whose GRUB menu passes the words, exactly as make run passes its command line.
# The CPU model is tools/qemu-cpu.sh's (one with SMEP and SMAP), unless tests/kernel/cpu-models
# gives the test another (NAME model).
# A test with trace=on also writes its scheduling trace to COM2 (NAME.trace.txt), and passes only
# if tools/trace/check_trace.py accepts the trace as well (it writes NAME.trace.json and .svg).
set -u
name=$1
BUILD=${BUILD:-build}
source tools/direct-boot.bash
TIMEOUT=${TEST_TIMEOUT:-60}
results=$BUILD/test-results
log=$results/$name.log
through_grub=0
grep -qx "$name" tests/kernel/through-grub 2>/dev/null && through_grub=1

extra=$(sed -n "s/^$name[[:space:]]\{1,\}//p" tests/kernel/command-lines 2>/dev/null)
cpu=$(sed -n "s/^$name[[:space:]]\{1,\}//p" tests/kernel/cpu-models 2>/dev/null)
cpu=${cpu:-$(tools/qemu-cpu.sh)}
trace=""
case " $extra " in *" trace=on "*) trace=$results/$name.trace ;; esac
case $name in
user:*) # through the suite's driver when there is one: it adds the leak check around the test
    program=${name#user:}
    if tar tf "$BUILD/initrd.tar" | grep -qx tests/run_all; then run="/tests/run_all $program"
    else run="/tests/$program"; fi
    command_line="$extra test-exit=$name run=$run" ;;
*) command_line="test=$name $extra" ;;
esac
if [ $through_grub = 1 ]; then
    iso=$results/$name.iso
    tools/make-iso.sh "$iso" "$command_line" ||
        { echo "FAIL: could not build ISO" >"$results/$name.result"; exit 0; }
    media=(-boot d -cdrom "$iso")
else
    # QEMU reads a comma in an option's value as ",,".
    media=("${DIRECT_BOOT[@]}"
        -fw_cfg "name=opt/teaching-kernel/command-line,string=${command_line//,/,,}")
fi

start=$(date +%s%N)
timeout "$TIMEOUT" qemu-system-i386 -m 128M -accel tcg -cpu "$cpu" -no-reboot -display none \
    "${media[@]}" -serial "file:$log" ${trace:+-serial file:$trace.txt} \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    ${QEMU_EXTRA:-} </dev/null >"$results/$name.qemu.log" 2>&1
status=$?
elapsed_ms=$((($(date +%s%N) - start) / 1000000))
[ $through_grub = 1 ] && rm -f "$iso"
tr -d '\r' <"$log" >"$log.tmp" 2>/dev/null && mv "$log.tmp" "$log"

expected_panic=$(sed -n 's/^TEST EXPECT PANIC: //p' "$log" | head -n 1)
# The panic report: everything from the first "PANIC:" line on, except the announcement above
# (which contains the expected text itself, so it must not count as the report).
panic_report=$(grep -v '^TEST EXPECT PANIC: ' "$log" | sed -n '/PANIC:/,$p')
if [ $status = 124 ]; then
    verdict="FAIL: no verdict within ${TIMEOUT} s"
elif [ -n "$expected_panic" ]; then
    if [ $status = 35 ] && printf '%s\n' "$panic_report" | grep -qF -- "$expected_panic"; then
        verdict=PASS
    else
        verdict="FAIL: expected a panic reporting '$expected_panic' (QEMU status $status)"
    fi
elif [ $status = 33 ] && grep -qx "TEST PASS $name" "$log"; then
    verdict=PASS
else
    verdict="FAIL: QEMU status $status, $(grep -m1 '^TEST FAIL' "$log" || echo 'no TEST PASS line')"
fi
if [ "$verdict" = PASS ] && grep -q 'CONTRACT BROKEN' "$log"; then
    verdict="FAIL: $(grep -m1 -o 'CONTRACT BROKEN.*' "$log")"
fi
if [ "$verdict" = PASS ] && [ -n "$trace" ] && ! python3 tools/trace/check_trace.py "$trace.txt" \
    --json "$trace.json" --svg "$trace.svg" --title "kernel test $name" >"$trace.log" 2>&1; then
    verdict="FAIL: trace check: $(head -n 1 "$trace.log")"
fi
echo "$verdict" >"$results/$name.result"
echo "$elapsed_ms" >"$results/$name.time"

seconds=$(printf '%d.%01d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100)))
if [ "$verdict" = PASS ]; then
    printf 'PASS  %-36s %5s s\n' "$name" "$seconds"
else
    printf 'FAIL  %-36s %5s s  %s\n' "$name" "$seconds" "$verdict"
    echo "---- serial log of $name ----"
    cat "$log"
    cat "$results/$name.qemu.log"
    if [ -n "$trace" ]; then cat "$trace.log" 2>/dev/null; fi
    echo "---- end of $name ----"
fi
