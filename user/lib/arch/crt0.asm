; crt0: where every user program starts. The kernel jumps to _start (the ELF entry point) with
; the stack of libk/abi/program_start.h: esp points at argc, then argv[0..argc-1], NULL, envp...,
; NULL. All the real work is in C++ (user/lib/start/start.cpp); this only makes a proper frame.

bits 32
section .text

extern __start_program

global _start
_start:
    xor ebp, ebp                ; a zero frame pointer ends every backtrace here
    mov eax, esp                ; the address of argc: the one argument of __start_program
    and esp, -16                ; the i386 System V ABI wants esp 16-byte aligned at each call
    sub esp, 12                 ; so that it still is after the push below
    push eax
    call __start_program        ; never returns: it calls exit with main's result
    ud2                         ; reached only if it did: an invalid-opcode fault ends us
