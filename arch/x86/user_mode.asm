; The first entry of a thread into ring 3 (see arch/x86/include/arch/user_mode.h). It builds an
; interrupt frame in exactly the layout interrupt_common leaves (arch::InterruptFrame) and lets
; interrupt_return restore it, so the first return to user mode is the same as every other one.

bits 32

USER_CODE_SELECTOR equ 0x18 | 3        ; arch/gdt.h
USER_DATA_SELECTOR equ 0x20 | 3
USER_THREAD_POINTER_SELECTOR equ 0x38 | 3
USER_FLAGS equ (1 << 9) | (1 << 1)     ; arch::USER_FLAGS

extern interrupt_return

section .text

; void enter_user_mode(uint32_t eip, uint32_t user_esp, uint32_t kernel_stack_top)
global enter_user_mode:function (enter_user_mode.end - enter_user_mode)
enter_user_mode:
    cli                                ; iret turns them back on, in user mode
    mov eax, [esp + 4]                 ; eip
    mov ecx, [esp + 8]                 ; user esp
    mov esp, [esp + 12]                ; from here on, the arguments are gone: only registers
    ; What the CPU pushes for an interrupt from ring 3.
    push dword USER_DATA_SELECTOR      ; user_ss
    push ecx                           ; user_esp
    push dword USER_FLAGS              ; eflags
    push dword USER_CODE_SELECTOR      ; cs
    push eax                           ; eip
    ; What the stub pushes: error code and vector (neither means anything here).
    push dword 0
    push dword 0
    ; pusha's eight registers, all zero (esp_at_entry is ignored by popa).
    xor eax, eax
    mov ecx, 8
.clear_registers:
    push eax
    loop .clear_registers
    ; The data segments, pushed ds first as in interrupt_common.
    push dword USER_DATA_SELECTOR      ; ds
    push dword USER_DATA_SELECTOR      ; es
    push dword USER_DATA_SELECTOR      ; fs
    push dword USER_THREAD_POINTER_SELECTOR ; gs
    xor ebp, ebp
    jmp interrupt_return
.end:
