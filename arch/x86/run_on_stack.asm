; run_on_stack(stack_top, function, argument): calls function(argument) with esp moved to
; stack_top, then returns on the caller's stack. The kernel tests use it to run code on a kernel
; stack (kernel/memory/kernel_stacks.h) without a thread; cdecl, declared in arch/stack_switch.h.

section .text
global run_on_stack
run_on_stack:
    push ebp
    mov ebp, esp               ; the caller's stack, restored from ebp on the way back
    mov eax, [ebp + 8]         ; stack_top
    mov ecx, [ebp + 12]        ; function
    mov edx, [ebp + 16]        ; argument
    mov esp, eax
    push edx
    call ecx                   ; its frame links back to ours, so backtraces continue
    mov esp, ebp
    pop ebp
    ret
