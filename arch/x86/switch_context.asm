; The context switch: the whole of "scheduling swaps one set of registers for another".
; The registers pushed here, and their order, are arch::Context in
; arch/x86/include/arch/context.h; change one, change the other.

bits 32
section .text

; void switch_context(Context** save_current, Context* next)
;
; On entry the stack holds [esp] = return address into the caller (the saved eip),
; [esp+4] = save_current, [esp+8] = next. Interrupts are off (the scheduler's rule).
global switch_context:function (switch_context.end - switch_context)
switch_context:
    mov eax, [esp + 4]          ; eax = save_current
    mov edx, [esp + 8]          ; edx = next

    ; Save the callee-saved registers of the thread that is leaving, on its own stack.
    ; With the return address already there, this completes its Context (ebp is highest).
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp              ; *save_current = its Context, i.e. its stack pointer

    ; From here on we are on the next thread's stack.
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret                         ; pops the next thread's saved eip
.end:

; The first "return" of a new thread lands here (arch::prepare_initial_context puts this address
; in the Context's eip): ebx holds the start function and esi its argument.
global thread_trampoline:function (thread_trampoline.end - thread_trampoline)
thread_trampoline:
    push esi                    ; argument
    call ebx                    ; start(argument), which never returns
    ud2                         ; if it does, stop at once with an invalid-opcode report
.end:
