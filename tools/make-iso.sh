#!/bin/sh
# Builds a bootable GRUB ISO around build/kernel.elf with a given kernel command line.
#   tools/make-iso.sh OUTPUT.iso "command line" [timeout-seconds]
# The test runner calls it once per test (each test is selected by its command line).
set -eu
output=$1
command_line=${2:-}
timeout=${3:-0}
build=${BUILD:-build}

staging=$(mktemp -d "${TMPDIR:-/tmp}/kernel-iso.XXXXXX")
# The log must live outside the staging folder, which becomes the ISO's contents.
log=$(mktemp "${TMPDIR:-/tmp}/kernel-iso-log.XXXXXX")
trap 'rm -rf "$staging" "$log"' EXIT
mkdir -p "$staging/boot/grub"
cp "$build/kernel.elf" "$build/kernel.sym" "$build/initrd.tar" "$staging/boot/"
# Escape characters that sed would treat specially in the replacement.
escaped=$(printf '%s' "$command_line" | sed 's/[&|\\]/\\&/g')
sed -e "s|@CMDLINE@|$escaped|g" -e "s|@TIMEOUT@|$timeout|g" iso/grub.cfg.in \
    > "$staging/boot/grub/grub.cfg"
mkdir -p "$(dirname "$output")"
if ! grub-mkrescue -o "$output" "$staging" >"$log" 2>&1; then
    cat "$log" >&2
    echo "make-iso: grub-mkrescue failed (is grub-pc-bin installed? try tools/install-deps.sh)" >&2
    exit 1
fi
