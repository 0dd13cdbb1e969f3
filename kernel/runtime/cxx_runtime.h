// C++ runtime support for the freestanding kernel (see cxx_runtime.cpp).
#pragma once

#include "libk/types.h"

extern "C" {
// The value -fstack-protector-strong places between a function's local arrays and its return
// address, and checks before returning.
extern uintptr_t __stack_chk_guard;
}

namespace runtime {

// Replaces the built-in stack guard with one that differs from boot to boot. Call it first in
// kernel_main, while no function that will return has stored the old value on the stack.
void initialize_stack_guard();

// Runs every global object's constructor, in link order.
void run_global_constructors();

} // namespace runtime
