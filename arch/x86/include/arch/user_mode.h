// Ring 3: how a user thread first gets there, and what the CPU needs to come back. Every later
// return to user mode is an ordinary return from an interrupt (interrupt_return in
// arch/x86/interrupt_entry.asm); the first one is built by hand here, as if the thread had been
// interrupted at its entry point.
#pragma once

#include <stdint.h>

namespace arch {

// eflags of a thread entering user mode: interrupts on, I/O privilege level 0 (so in, out, cli
// and hlt fault in ring 3), and bit 1, which is reserved and always set.
constexpr uint32_t USER_FLAGS = (1u << 9) | (1u << 1);

// Leaves the kernel for ring 3 at `eip` with the user stack pointer `user_esp`, every general
// register 0, the user data segments, and %gs selecting the thread-pointer segment (gdt.h). The
// interrupt frame is built at the very top of the thread's kernel stack (`kernel_stack_top`, the
// value of TSS.esp0 while the thread runs), where every later interrupt from user mode puts its
// frame too, so the thread's saved user registers are always found in the same place.
extern "C" [[noreturn]] void enter_user_mode(uint32_t eip, uint32_t user_esp,
                                             uint32_t kernel_stack_top);

} // namespace arch
