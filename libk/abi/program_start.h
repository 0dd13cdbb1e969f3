/* How a user program and each of its threads begin: the registers and the stack the kernel
 * builds, and how a thread finds its own data. The kernel's loader and the user library's crt0
 * (user/lib/arch/crt0.asm) both follow this file.
 *
 * The first thread of a process starts at the ELF entry point with:
 *
 *     esp ->  argc                       (16-byte aligned address)
 *             argv[0]                    pointers into the strings below
 *             ...
 *             argv[argc - 1]
 *             NULL                       end of argv
 *             NULL                       end of envp (there is no environment yet)
 *             ... padding ...
 *             the argument strings, NUL-terminated, packed at the top of the stack
 *     ABI_MAIN_STACK_TOP
 *
 *   eax, ebx, ecx, edx, esi, edi, ebp = 0 (ebp = 0 marks the outermost frame for backtraces),
 *   eflags = interrupts enabled, the thread pointer (%gs base) = 0.
 *
 * A thread made by thread_create(entry, argument) starts at `entry` with its own stack laid out
 * as if `entry(argument)` had just been called by a function that does not exist:
 *
 *     esp ->  0                          return address: returning from entry faults at 0
 *             argument
 *
 *   with esp + 4 16-byte aligned (the state right after a `call` in the i386 System V ABI),
 *   the other registers 0, and its thread pointer 0.
 *
 * The thread pointer. Each thread needs a little memory of its own that code can find without
 * asking the kernel: errno is per thread, and pthread_self must be cheap. The kernel keeps one
 * pointer per thread (set by SYSCALL_SET_THREAD_POINTER) and, while the thread runs in user mode,
 * makes %gs select a data segment whose base is that pointer. The user library stores its thread
 * control block there, with a pointer to itself in the first word, so `mov eax, [gs:0]` gives the
 * block's ordinary address. This is what x86 systems commonly do (Linux i386 uses %gs too); the
 * alternative, finding the block from the stack pointer, would tie every stack to one size and
 * alignment. User code never loads %gs itself.
 *
 * Floating point: user code may use the x87 FPU (not SSE), so the kernel saves and restores the
 * x87 state of user threads when it switches between them, and starts each thread with fninit's
 * state.
 */
#ifndef LIBK_ABI_PROGRAM_START_H
#define LIBK_ABI_PROGRAM_START_H

/* The user part of every address space:
 *   0x00000000 - 0x00000FFF   never mapped, so null pointers fault
 *   0x00400000 - ...          the program (user/lib/user.ld links it here), then the heap (brk)
 *   ...                       shared-memory mappings and thread stacks, placed by the kernel
 *   ... - ABI_MAIN_STACK_TOP  the first thread's stack, growing down: ABI_MAIN_STACK_SIZE bytes
 *                             (types.h), with an unmapped guard page below
 *   0xC0000000 - 0xFFFFFFFF   the kernel: never accessible from user mode */
#define ABI_USER_SPACE_START 0x00001000u
#define ABI_PROGRAM_BASE 0x00400000u
#define ABI_MAIN_STACK_TOP 0xBFFFF000u
#define ABI_USER_SPACE_END 0xC0000000u

#endif
