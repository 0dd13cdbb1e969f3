// Running a function on another stack (arch/x86/run_on_stack.asm). Threads switch stacks with
// their own context switch; this is for tests that need code on a given stack without a thread.
#pragma once

#include <stdint.h>

extern "C" void run_on_stack(uintptr_t stack_top, void (*function)(void*), void* argument);
