; The Multiboot2 header GRUB looks for in the first 32 KiB of the image, and a Multiboot1 header
; for QEMU's own loader (qemu-system-i386 -kernel), which looks in the first 8 KiB: the test
; runners boot that way, without the firmware's disk boot and GRUB (kernel/boot_info/multiboot1.h).
; Layout from the Multiboot2 specification, section 3.1: magic, architecture, length, checksum,
; then tags, each 8-byte aligned, ending with the end tag. We ask for nothing special: GRUB's
; defaults (load the ELF as linked, text mode console) are what the kernel wants.

MULTIBOOT2_MAGIC        equ 0xE85250D6
MULTIBOOT2_ARCH_I386    equ 0          ; 32-bit protected mode
HEADER_LENGTH           equ header_end - header_start

section .multiboot2
align 8
header_start:
    dd MULTIBOOT2_MAGIC
    dd MULTIBOOT2_ARCH_I386
    dd HEADER_LENGTH
    dd -(MULTIBOOT2_MAGIC + MULTIBOOT2_ARCH_I386 + HEADER_LENGTH)   ; the four fields sum to 0

    ; End tag: type 0, flags 0, size 8.
    align 8
    dw 0
    dw 0
    dd 8
header_end:

; Multiboot1 (specification 0.6.96, section 3.1): magic, flags, checksum. Flags: modules aligned to
; pages (bit 0) and the memory information (bit 1). Bit 16 is clear: the loader reads the ELF
; program headers, as GRUB does.
MULTIBOOT1_MAGIC        equ 0x1BADB002
MULTIBOOT1_FLAGS        equ (1 << 0) | (1 << 1)

section .multiboot1
align 4
    dd MULTIBOOT1_MAGIC
    dd MULTIBOOT1_FLAGS
    dd -(MULTIBOOT1_MAGIC + MULTIBOOT1_FLAGS)
