// A switched-out thread's registers: "a thread is a set of registers" made literal. While a
// thread is not running, its kernel stack holds a Context at the spot its saved esp points to;
// switch_context (arch/x86/switch_context.asm) builds and consumes exactly this layout, so change
// one, change the other.
#pragma once

#include <stdint.h>

namespace arch {

// Fields in increasing address order, which is the reverse of the order switch_context pushes
// them. Only the callee-saved registers are kept: eax, ecx and edx belong to the caller of
// switch_context by the C calling convention, so the compiler never expects them to survive.
struct Context {
    uint32_t edi;
    uint32_t esi;
    uint32_t ebx;
    uint32_t ebp;
    // Pushed by the `call switch_context` instruction itself: where the thread resumes.
    uint32_t eip;
};
static_assert(sizeof(Context) == 5 * 4, "switch_context pushes four registers after the eip");

// Saves the running thread's registers on its stack, stores the stack pointer (which is then the
// address of its Context) in *save_current, loads `next`'s stack pointer and registers, and
// returns into whatever `next` was doing when it was switched out. Interrupts must be disabled.
extern "C" void switch_context(Context** save_current, Context* next);

// What a new thread runs first: start(argument), called with interrupts still disabled. It must
// never return (a thread leaves by exiting, which switches away for good).
using ThreadStart = void (*)(void* argument);

// Writes a new thread's first Context at the top of its stack, such that the first
// switch_context to it "returns" into the trampoline (arch/x86/switch_context.asm), which calls
// start(argument) with ebp = 0 so backtraces end there. Returns the thread's initial saved esp.
Context* prepare_initial_context(uintptr_t stack_top, ThreadStart start, void* argument);

} // namespace arch
