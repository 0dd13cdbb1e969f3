; The first kernel instructions. The boot loader jumps here in 32-bit protected mode with paging off,
; eax = its magic, ebx = physical address of the boot information: Multiboot2 from GRUB (spec 3.3),
; Multiboot1 from QEMU -kernel (kernel/boot_info/multiboot1.h). kernel_main tells them apart.
;
; The kernel is linked in the higher half (0xC0100000) but loaded at 1 MiB, so before any C++ can
; run we must turn paging on with a directory that maps the first BOOT_MAPPED_BYTES of physical
; memory twice: at 0 (so the instruction after "mov cr0" still exists) and at 0xC0000000 (where
; the kernel is linked). The boot directory uses 4 MiB pages (CR4.PSE) to stay tiny; the memory
; subsystem replaces it with the kernel's own 4 KiB tables and drops the low view.

KERNEL_VIRTUAL_BASE     equ 0xC0000000
KERNEL_DIRECTORY_INDEX  equ KERNEL_VIRTUAL_BASE >> 22     ; 768
BOOT_LARGE_PAGES        equ 4                              ; 4 x 4 MiB = first 16 MiB

PDE_PRESENT             equ 1 << 0
PDE_WRITABLE            equ 1 << 1
PDE_LARGE_PAGE          equ 1 << 7
CR0_WRITE_PROTECT       equ 1 << 16
CR0_PAGING              equ 1 << 31
CR4_PAGE_SIZE_EXTENSION equ 1 << 4

extern higher_half_entry          ; boot/higher_half_entry.asm

section .boot.bss nobits
align 4096
global boot_page_directory
boot_page_directory:
    resb 4096

; "exec" marks the section as code in the ELF file, so that debuggers treat _start as a function
; (gdb: `break _start`) even though it is linked at its physical address.
section .boot.text progbits alloc exec nowrite
global _start:function (_start.end - _start)
_start:
    cli
    cld
    ; Fill the boot directory: entry i and entry 768+i both map physical [i*4 MiB, (i+1)*4 MiB).
    ; .boot.bss is zeroed by GRUB (it is NOLOAD inside the loaded segment), so every other entry
    ; is already "not present".
    mov ecx, 0
.fill:
    mov edx, ecx
    shl edx, 22
    or edx, PDE_PRESENT | PDE_WRITABLE | PDE_LARGE_PAGE
    mov [boot_page_directory + ecx * 4], edx
    mov [boot_page_directory + (KERNEL_DIRECTORY_INDEX + ecx) * 4], edx
    inc ecx
    cmp ecx, BOOT_LARGE_PAGES
    jne .fill

    mov edx, cr4
    or edx, CR4_PAGE_SIZE_EXTENSION
    mov cr4, edx
    mov edx, boot_page_directory
    mov cr3, edx
    mov edx, cr0
    or edx, CR0_PAGING | CR0_WRITE_PROTECT
    mov cr0, edx

    ; An absolute jump: from here on eip is in the higher half.
    mov edx, higher_half_entry
    jmp edx
.end:
