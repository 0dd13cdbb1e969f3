#!/usr/bin/env bash
# The kernel extension under gdb's machine interface, as graphical front ends use it (VS Code's
# launch configurations in .vscode/launch.json send "-exec kthreads" this way): the extension
# loads, and kthreads, kbt and kwait answer in the console stream at a breakpoint.
# (The checks are in extension_works_over_mi.py, which drives gdb from outside.)
set -eu
BUILD=${BUILD:-build}
results=$BUILD/test-results
mkdir -p "$results"
export GDB_TEST_ISO=$results/extension_works_over_mi.iso
export GDB_TEST_SERIAL_LOG=$results/extension_works_over_mi.serial.log
GDB_TEST_CPU=$(tools/qemu-cpu.sh)
export GDB_TEST_CPU
trap 'rm -f "$GDB_TEST_ISO"' EXIT
tools/make-iso.sh "$GDB_TEST_ISO" "test=debugger_sees_threads_waiting"
output=$(timeout 150 python3 -B tests/gdb/extension_works_over_mi.py "$BUILD/kernel.elf" 2>&1) || true
echo "$output"
printf '%s\n' "$output" | grep -qx "GDB TEST PASS extension_works_over_mi"
