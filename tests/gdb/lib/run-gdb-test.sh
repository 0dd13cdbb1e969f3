#!/usr/bin/env bash
# Runs one gdb test: tests/gdb/NAME.py inside gdb (with the kernel's extension loaded) against a
# QEMU that gdb starts itself through a pipe (`target remote | qemu ... -gdb stdio`), booted with
# the given kernel command line. No TCP port and no waiting for QEMU to listen: gdb talks to it
# from its first instruction.
#   tests/gdb/lib/run-gdb-test.sh NAME "kernel command line"
# Passes when gdb prints "GDB TEST PASS NAME" and exits with status 0. A test that never reaches
# its breakpoint is stopped after GDB_TEST_TIMEOUT seconds (120); timeout(1) ends gdb and QEMU
# together, as they share its process group.
set -eu
name=$1
command_line=$2
BUILD=${BUILD:-build}
results=$BUILD/test-results
mkdir -p "$results"
export GDB_TEST_ISO=$results/$name.iso
export GDB_TEST_SERIAL_LOG=$results/$name.serial.log
GDB_TEST_CPU=$(tools/qemu-cpu.sh)
export GDB_TEST_CPU
trap 'rm -f "$GDB_TEST_ISO"' EXIT
rm -f "$GDB_TEST_SERIAL_LOG"
tools/make-iso.sh "$GDB_TEST_ISO" "$command_line"

status=0
output=$(timeout "${GDB_TEST_TIMEOUT:-120}" gdb -q -batch -nx -x tools/gdb/kernel.py \
    -x "tests/gdb/$name.py" "$BUILD/kernel.elf" </dev/null 2>&1) || status=$?
echo "$output"
if [ $status = 124 ]; then
    echo "FAIL: no verdict within ${GDB_TEST_TIMEOUT:-120} s; serial log:"
    cat "$GDB_TEST_SERIAL_LOG" 2>/dev/null
    exit 1
fi
if [ $status != 0 ] || ! printf '%s\n' "$output" | grep -qx "GDB TEST PASS $name"; then
    echo "FAIL: gdb exited with status $status without passing"
    exit 1
fi
