# Sourced by the test runners (bash). QEMU loads the kernel itself, as a Multiboot1 boot loader
# (-kernel; kernel/boot_info/multiboot1.h), with the initrd and the symbol table as modules named
# as GRUB names them: no emulated disk boot, no GRUB, about half a second less per boot than the
# ISO. make run, and the tests in tests/kernel/through-grub, keep the real path through GRUB.
# Command-line words still come through QEMU's fw_cfg (arch/firmware_config.h).
#   source tools/direct-boot.bash; qemu-system-i386 "${DIRECT_BOOT[@]}" ...
DIRECT_BOOT=(-kernel "${BUILD:-build}/kernel.elf"
    -initrd "${BUILD:-build}/initrd.tar initrd,${BUILD:-build}/kernel.sym symbols")
