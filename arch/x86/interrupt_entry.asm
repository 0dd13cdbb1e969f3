; The first instructions of every interrupt, exception and system call, and the way back out.
;
; Each vector has a small stub that makes the stack look the same for all of them: the CPU pushes
; an error code for a few exceptions only, so the other stubs push a 0 in its place; then every
; stub pushes its vector number and jumps to interrupt_common. interrupt_common saves the rest
; and calls interrupt_dispatch (interrupts.cpp) with a pointer to the result, which is exactly
; arch::InterruptFrame (arch/x86/include/arch/interrupt_frame.h). Change one, change the other.
;
; Stack at the call, from higher to lower addresses:
;   [user_ss user_esp]  eflags cs eip      pushed by the CPU (user_* only from ring 3)
;   error_code vector                      pushed by the stub
;   eax ecx edx ebx esp ebp esi edi        pusha
;   ds es fs gs                            pushed here; esp now points at gs = &frame

KERNEL_DATA_SELECTOR equ 0x10          ; arch/gdt.h

extern interrupt_dispatch
extern handle_double_fault
extern g_smap_enabled                  ; supervisor_protection.cpp

section .text

; Exceptions for which the CPU pushes an error code (Intel SDM vol. 3, table 6-1).
%macro CPU_PUSHES_ERROR_CODE 1
    %if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
        %define HAS_ERROR_CODE 1
    %else
        %define HAS_ERROR_CODE 0
    %endif
%endmacro

%assign vector 0
%rep 256
interrupt_stub_%[vector]:
    CPU_PUSHES_ERROR_CODE vector
    %if HAS_ERROR_CODE == 0
    push dword 0
    %endif
    push dword vector
    jmp interrupt_common
%assign vector vector + 1
%endrep

interrupt_common:
    pusha
    push ds
    push es
    push fs
    push gs
    mov ax, KERNEL_DATA_SELECTOR       ; user code may have left anything in the data segments
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    cld                                ; the C++ calling convention expects the direction flag clear
    call close_user_memory_window
    push esp                           ; interrupt_dispatch(InterruptFrame* frame)
    call interrupt_dispatch
    add esp, 4

; Restores the frame at esp and returns from the interrupt. A new thread's first run can also
; start here, from a frame built by hand on its kernel stack.
global interrupt_return
interrupt_return:
    pop gs
    pop fs
    pop es
    pop ds
    popa
    add esp, 8                         ; vector and error code
    iret

; Closes the SMAP window (EFLAGS.AC, arch/supervisor_protection.h) for the handler: any program
; can set AC with popf, and the CPU keeps it on the way in, which would let the handler touch
; user memory unchecked; an interrupt can also arrive inside a window. iret puts the interrupted
; code's AC back. clac is an invalid opcode on a CPU without SMAP, where AC means nothing to the
; kernel anyway. (A function of its own, so that no label splits interrupt_common in two for
; gdb, which names the frames of interrupted threads after it.)
close_user_memory_window:
    cmp dword [g_smap_enabled], 0
    je .done
    clac
.done:
    ret

; The double-fault task (tss.cpp) starts here, on its own stack, with interrupts off. The CPU
; saved the faulting code's registers in the kernel TSS and pushed an error code (always 0).
global double_fault_task_entry
double_fault_task_entry:
    add esp, 4                         ; the error code carries no information
    xor ebp, ebp                       ; a backtrace of this task ends here
    call handle_double_fault           ; does not return
.halt:
    cli
    hlt
    jmp .halt

section .rodata
align 4
; The address of each stub, indexed by vector, for idt.cpp.
global interrupt_stub_table
interrupt_stub_table:
%assign vector 0
%rep 256
    dd interrupt_stub_%[vector]
%assign vector vector + 1
%endrep
