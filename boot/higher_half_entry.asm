; The first instructions in the higher half: boot/entry.asm jumps here once paging is on. They
; set up the boot stack and call kernel_main(magic, boot_information_physical).
;
; A file of its own because NASM's debug information describes one code section per file: with
; the low boot code (.boot.text) and this (.text) apart, gdb has line information for both.

BOOT_STACK_BYTES        equ 16384

extern kernel_main

section .text
global higher_half_entry:function (higher_half_entry.end - higher_half_entry)
higher_half_entry:
    mov esp, boot_stack_top
    xor ebp, ebp               ; a zero frame pointer ends every backtrace
    push ebx                   ; kernel_main(magic, boot_information_physical)
    push eax
    call kernel_main
    ; kernel_main never returns; if it does, stop here rather than run off into memory.
.halt:
    cli
    hlt
    jmp .halt
.end:

section .bss
align 16
global boot_stack_bottom
global boot_stack_top
boot_stack_bottom:
    resb BOOT_STACK_BYTES
boot_stack_top:
