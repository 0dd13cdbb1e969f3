#!/bin/sh
# Prints the CPU model every QEMU boot of the project uses (make run, the tests, bench, trace):
# "max", QEMU's model with every feature it can emulate, SMEP and SMAP among them, so that the
# kernel runs with both protections on (docs/memory.md). QEMU_CPU=MODEL overrides it, for
# example QEMU_CPU=qemu32 (QEMU's default, which has neither) to watch the kernel without them.
echo "${QEMU_CPU:-max}"
