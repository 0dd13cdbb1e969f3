#!/usr/bin/env bash
# Boots the kernel once, headless, with a given command line (which turns the trace on), saves
# COM1 in build/trace-console.log and COM2 (the trace) in build/trace.txt, then converts the
# trace. `make trace` calls it (tools/trace/trace.mk).
#   tools/trace/run-trace.sh "trace=on test=trace_restroom" "title for the picture"
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
command_line=$1
title=${2:-scheduling trace}
timeout=${TRACE_TIMEOUT:-120}
iso=$BUILD/trace.iso
trace=$BUILD/trace.txt
console=$BUILD/trace-console.log

tools/make-iso.sh "$iso" "$command_line" || exit 1
rm -f "$trace" "$console"
echo "Booting with: $command_line"
timeout "$timeout" qemu-system-i386 -m 128M -accel tcg -cpu "$(tools/qemu-cpu.sh)" -no-reboot \
    -boot d -display none \
    -cdrom "$iso" -serial "file:$console" -serial "file:$trace" \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 </dev/null
status=$?
rm -f "$iso"
if [ $status = 124 ]; then
    echo "The run did not end within $timeout s (TRACE_TIMEOUT=...): converting what came so far."
elif ! grep -q '^# end of trace' "$trace" 2>/dev/null; then
    echo "The kernel stopped before the end of the trace (see $console)."
fi
if grep -q '^TEST FAIL' "$console" 2>/dev/null; then
    grep '^TEST FAIL' "$console"
fi
python3 tools/trace/convert.py "$trace" --json "$BUILD/trace.json" --svg "$BUILD/trace.svg" \
    --title "$title" || exit 1
echo "Wrote $trace, $BUILD/trace.json (open in https://ui.perfetto.dev) and $BUILD/trace.svg."
