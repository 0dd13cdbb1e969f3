// What a freestanding C++ program needs from its runtime: running global constructors, and the
// handful of functions the compiler calls on its own (pure virtual call, stack protector).
#include "kernel/runtime/cxx_runtime.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"

extern "C" {

using Constructor = void (*)();
// Both symbols come from arch/x86/kernel.ld, around the .init_array sections.
extern Constructor __init_array_start[];
extern Constructor __init_array_end[];

// Called when a virtual function is invoked on an object whose class left it pure (typically
// from a constructor or destructor of an abstract base).
void __cxa_pure_virtual() {
    panic("pure virtual function called");
}

// -fstack-protector-strong stores this value between a function's local arrays and its return
// address and compares it before returning; a mismatch means the function wrote past an array.
// This fixed value guards the first instructions of the boot, until initialize_stack_guard().
uintptr_t __stack_chk_guard = 0xE2DEE300;

void __stack_chk_fail() {
    panic("stack smashing detected: the function that called __stack_chk_fail (next in the "
          "backtrace) wrote past a local array and overwrote its stack guard");
}

// With -fno-use-cxa-atexit, static destructors register through atexit(). The kernel never
// exits, so there is nothing to run them at: accept and ignore.
int atexit(void (*)()) {
    return 0;
}

} // extern "C"

namespace runtime {

// Must not itself be protected: it changes the value its own check would compare against.
__attribute__((no_stack_protector)) void initialize_stack_guard() {
    // The time stamp counter differs from boot to boot; multiplying by an odd constant spreads
    // its fast-changing low bits over the whole word.
    uint64_t time_stamp = arch::read_timestamp_counter();
    uint32_t mixed = static_cast<uint32_t>(time_stamp ^ (time_stamp >> 32)) * 0x9E3779B1u;
    // A zero low byte (at the lowest address of the guard) stops string copies: an overflow by
    // strcpy cannot write the guard back unchanged, since its copy ends at the first zero.
    mixed &= ~0xFFu;
    if (mixed != 0)
        __stack_chk_guard = mixed;
}

void run_global_constructors() {
    for (Constructor* constructor = __init_array_start; constructor != __init_array_end;
         ++constructor)
        (*constructor)();
}

} // namespace runtime
