#!/usr/bin/env bash
# Boots the kernel headless in QEMU and saves a PNG picture of its VGA screen, taken through the
# QEMU monitor's `screendump`. The README's pictures come from here, and it is the quickest way
# to see what the console really looks like.
#
#   tools/screenshot.sh OUTPUT.png [--cmdline "words"] [--iso FILE] [--wait-for TEXT]
#                                  [--timeout SECONDS]
#
#   --cmdline   kernel command line for an ISO built from build/kernel.elf (run `make` first)
#   --iso       boot this ISO instead
#   --wait-for  take the picture once the serial output contains TEXT; without it, once the
#               serial output has been quiet for a second
#   --timeout   give up after this many seconds (default 60)
#
# QEMU runs without the isa-debug-exit device, so a test that ends by exiting the emulator halts
# instead and stays on screen to be photographed.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
QEMU=${QEMU:-qemu-system-i386}

usage() { sed -n '6,7p' "$0" | sed 's/^# //' >&2; exit 2; }
[ $# -ge 1 ] || usage
output=$1; shift
cmdline=""; iso=""; wait_for=""; timeout=60
while [ $# -gt 0 ]; do
    [ $# -ge 2 ] || usage
    case $1 in
    --cmdline) cmdline=$2 ;;
    --iso) iso=$2 ;;
    --wait-for) wait_for=$2 ;;
    --timeout) timeout=$2 ;;
    *) usage ;;
    esac
    shift 2
done
command -v "$QEMU" >/dev/null || { echo "screenshot: $QEMU not found (tools/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/screenshot.XXXXXX")
qemu_pid=""
cleanup() {
    [ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$iso" ]; then
    [ -f "$BUILD/kernel.elf" ] || { echo "screenshot: no $BUILD/kernel.elf; run make first" >&2; exit 1; }
    iso=$work/os.iso
    tools/make-iso.sh "$iso" "$cmdline"
fi

# The monitor reads commands from a FIFO that this script keeps open on descriptor 3.
mkfifo "$work/monitor"
serial=$work/serial.log
: >"$serial"
"$QEMU" -m 128M -accel tcg -cpu "$(tools/qemu-cpu.sh)" -no-reboot -boot d -display none -cdrom "$iso" \
    -serial "file:$serial" -monitor stdio <"$work/monitor" >"$work/monitor.log" 2>&1 &
qemu_pid=$!
exec 3>"$work/monitor"

# Wait for the text, or for a second without new serial output.
deadline=$((SECONDS + timeout))
last_size=-1
quiet_since=$SECONDS
while :; do
    kill -0 "$qemu_pid" 2>/dev/null || { echo "screenshot: QEMU exited early" >&2; cat "$work/monitor.log" >&2; exit 1; }
    if [ -n "$wait_for" ]; then
        grep -qF -- "$wait_for" "$serial" && break
    else
        size=$(wc -c <"$serial")
        if [ "$size" != "$last_size" ]; then last_size=$size; quiet_since=$SECONDS
        elif [ "$size" -gt 0 ] && [ $((SECONDS - quiet_since)) -ge 1 ]; then break; fi
    fi
    [ $SECONDS -lt $deadline ] || { echo "screenshot: timed out after $timeout s" >&2; exit 1; }
    sleep 0.2
done
sleep 0.3 # let the last write reach the screen

rm -f "$output"
png=$work/screen.png
echo "screendump $png -f png" >&3
for _ in $(seq 50); do
    [ -s "$png" ] && break
    sleep 0.1
done
echo "quit" >&3
exec 3>&-
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""
[ -s "$png" ] || { echo "screenshot: QEMU wrote no picture" >&2; cat "$work/monitor.log" >&2; exit 1; }
mv "$png" "$output"
echo "screenshot: $output"
