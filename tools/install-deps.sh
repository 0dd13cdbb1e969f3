#!/bin/sh
# Installs the host tools the build, `make run` and `make test` need, from Debian/Ubuntu
# packages. As root it runs apt-get directly; otherwise through sudo.
#   tools/install-deps.sh                       install everything missing
#   tools/install-deps.sh --check-or-install    install only if a tool is missing (make does this)
set -eu

# command -> Debian package that provides it
REQUIRED="
clang++:clang
ld.lld:lld
nasm:nasm
qemu-system-i386:qemu-system-x86
grub-mkrescue:grub-common
xorriso:xorriso
mformat:mtools
gdb:gdb
nm:binutils
python3:python3
"
# Files (not commands) the build needs.
GRUB_I386_PC=/usr/lib/grub/i386-pc/modinfo.sh
GTEST_HEADER=/usr/include/gtest/gtest.h

missing_packages() {
    for pair in $REQUIRED; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || printf '%s ' "${pair#*:}"
    done
    [ -f "$GRUB_I386_PC" ] || printf 'grub-pc-bin '
    [ -f "$GTEST_HEADER" ] || printf 'libgtest-dev '
    resource=$(clang++ -print-resource-dir 2>/dev/null || true)
    [ -n "$resource" ] && [ -f "$resource/lib/linux/libclang_rt.builtins-i386.a" ] ||
        printf 'libclang-rt-dev '
}

packages=$(missing_packages)
if [ -z "$packages" ]; then
    [ "${1:-}" = "--check-or-install" ] || echo "install-deps: every tool is already installed"
    exit 0
fi

echo "install-deps: missing packages: $packages"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: no apt-get here; install the equivalents of: $packages" >&2
    exit 1
fi
if [ "$(id -u)" = 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "install-deps: not root and no sudo; as root run: apt-get install $packages" >&2
    exit 1
fi
$sudo apt-get update
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $packages
left=$(missing_packages)
if [ -n "$left" ]; then
    echo "install-deps: still missing after apt-get: $left" >&2
    exit 1
fi
