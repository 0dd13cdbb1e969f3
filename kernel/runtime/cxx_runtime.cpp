// What a freestanding C++ program needs from its runtime: running global constructors, and the
// handful of functions the compiler calls on its own (pure virtual call, stack protector).
#include "kernel/runtime/cxx_runtime.h"
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

// -fstack-protector-strong stores this value between locals and the return address and checks
// it on return. A fixed value still catches linear overflows, which is what students write.
uintptr_t __stack_chk_guard = 0xE2DEE396;

void __stack_chk_fail() {
    panic("stack smashing detected: a function overwrote its stack guard");
}

// With -fno-use-cxa-atexit, static destructors register through atexit(). The kernel never
// exits, so there is nothing to run them at: accept and ignore.
int atexit(void (*)()) {
    return 0;
}

} // extern "C"

namespace runtime {

void run_global_constructors() {
    for (Constructor* constructor = __init_array_start; constructor != __init_array_end;
         ++constructor)
        (*constructor)();
}

} // namespace runtime
