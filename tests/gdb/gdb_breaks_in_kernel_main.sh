#!/usr/bin/env bash
# gdb in batch mode against QEMU's gdbstub: break on kernel_main, continue, and check that the
# backtrace names kernel_main and that `info registers` shows eip inside it.
set -eu
BUILD=${BUILD:-build}
port=$((20000 + RANDOM % 20000))
iso=$BUILD/test-results/gdb.iso
tools/make-iso.sh "$iso" ""
qemu-system-i386 -m 128M -accel tcg -no-reboot -boot d -display none -cdrom "$iso" -serial null \
    -S -gdb "tcp::$port" -device isa-debug-exit,iobase=0xf4,iosize=0x04 &
qemu=$!
trap 'kill $qemu 2>/dev/null; rm -f "$iso"' EXIT
sleep 0.5
output=$(timeout 60 gdb -q -batch -nx -ex "set \$gdb_port = $port" -x tools/gdb/kernel.gdb \
    -ex continue -ex bt -ex "info registers eip" "$BUILD/kernel.elf" 2>&1)
echo "$output"
echo "$output" | grep -q '^#0 .*kernel_main' || { echo "FAIL: backtrace does not start in kernel_main"; exit 1; }
echo "$output" | grep -q 'eip .*<kernel_main' || { echo "FAIL: eip is not in kernel_main"; exit 1; }
echo "gdb stopped in kernel_main as expected"
