// A new thread's first Context (see arch/context.h): laid out so that the first switch to the
// thread runs thread_trampoline in arch/x86/switch_context.asm.
#include "arch/context.h"

extern "C" void thread_trampoline();

namespace arch {

Context* prepare_initial_context(uintptr_t stack_top, ThreadStart start, void* argument) {
    // The i386 calling convention wants esp 16-byte aligned at every call instruction. When the
    // trampoline has pushed the argument (4 bytes) it calls start, so the Context must end 12
    // bytes below an aligned address.
    uintptr_t aligned_top = stack_top & ~static_cast<uintptr_t>(15);
    auto* context = reinterpret_cast<Context*>(aligned_top - 12 - sizeof(Context));
    context->edi = 0;
    context->esi = reinterpret_cast<uintptr_t>(argument);
    context->ebx = reinterpret_cast<uintptr_t>(start);
    context->ebp = 0; // the end of every backtrace of this thread
    context->eip = reinterpret_cast<uintptr_t>(&thread_trampoline);
    return context;
}

} // namespace arch
