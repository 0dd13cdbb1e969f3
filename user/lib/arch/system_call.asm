; The user side of the system-call boundary, and the one instruction that reads the thread
; pointer. Everything else in the user library is C++; these need exact registers.

bits 32
section .text

; long __system_call(number, argument1, argument2, argument3, argument4, argument5)
; cdecl: the arguments are on the stack. The kernel wants the number in eax and the arguments in
; ebx, ecx, edx, esi, edi (libk/abi/system_calls.h); ebx, esi and edi belong to our caller, so
; they are saved around the call. The result comes back in eax, as a C function returns it.
global __system_call
__system_call:
    push ebx
    push esi
    push edi
    mov eax, [esp + 16]         ; 3 saved registers + the return address = 16 bytes
    mov ebx, [esp + 20]
    mov ecx, [esp + 24]
    mov edx, [esp + 28]
    mov esi, [esp + 32]
    mov edi, [esp + 36]
    int 0x80
    pop edi
    pop esi
    pop ebx
    ret

; void* __read_thread_pointer(void)
; The first word of the calling thread's control block, which holds the block's own address
; (libk/abi/program_start.h explains the %gs segment behind it).
global __read_thread_pointer
__read_thread_pointer:
    mov eax, [gs:0]
    ret
