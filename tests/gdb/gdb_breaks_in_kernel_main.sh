#!/usr/bin/env bash
# `make debug` + `make gdb` in batch: QEMU waits on a TCP port, gdb runs tools/gdb/kernel.gdb
# (the extension, the connection, the breakpoint on kernel_main), continues, and the backtrace
# and eip are in kernel_main. gdb retries the connection until QEMU listens (tcp auto-retry),
# so there is no fixed wait for QEMU to start.
set -eu
BUILD=${BUILD:-build}
# A port that is free now: the system picks it (QEMU binds it a moment later).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
iso=$BUILD/test-results/gdb_breaks_in_kernel_main.iso
tools/make-iso.sh "$iso" ""
qemu-system-i386 -m 128M -accel tcg -cpu "$(tools/qemu-cpu.sh)" -no-reboot -boot d -display none \
    -cdrom "$iso" -serial null \
    -S -gdb "tcp:127.0.0.1:$port" -device isa-debug-exit,iobase=0xf4,iosize=0x04 &
qemu=$!
trap 'kill $qemu 2>/dev/null; rm -f "$iso"' EXIT
output=$(timeout 120 gdb -q -batch -nx -ex "set tcp connect-timeout 60" \
    -ex "set \$gdb_port = $port" -x tools/gdb/kernel.gdb \
    -ex continue -ex bt -ex "info registers eip" -ex "kernel" "$BUILD/kernel.elf" 2>&1)
echo "$output"
echo "$output" | grep -q '^#0 .*kernel_main' || { echo "FAIL: backtrace does not start in kernel_main"; exit 1; }
echo "$output" | grep -q 'eip .*<kernel_main' || { echo "FAIL: eip is not in kernel_main"; exit 1; }
echo "$output" | grep -q '^  kthreads ' || { echo "FAIL: the kernel extension is not loaded"; exit 1; }
echo "gdb stopped in kernel_main as expected, with the kernel extension loaded"
