#!/usr/bin/env bash
# gdb from the kernel's first instruction: `break _start` stops in boot/entry.asm with paging
# off, stepping one instruction at a time reaches the higher half (higher_half_entry, with line
# information on both sides), and the backtrace from kernel_main names the boot code without
# debug-information warnings. (The checks are in gdb_follows_boot_into_higher_half.py.)
exec tests/gdb/lib/run-gdb-test.sh gdb_follows_boot_into_higher_half ""
