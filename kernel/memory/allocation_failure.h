// Fault injection for kernel allocations: makes the N-th allocation from a starting point fail,
// as if memory had run out there, so that tests can walk every failure path of a system call
// (tests/kernel/allocation_failure_tests.cpp) and "fail-alloc=N" on the command line can do the
// same to a whole boot (counted from the start of the first program).
//
// Both allocators count: every frame (allocate_frame, with or without an account) and every
// block of the kernel heap (kernel_allocate, so every `new`). A heap block that needs the heap
// to grow counts once for the block and once for each frame of the growth.
//
// Guarded by disabling interrupts (the allocators call it inside their critical sections).
#pragma once

#include "libk/types.h"

namespace memory::allocation_failure {

// From now on, allocation number `n` (1 is the next one) fails, once. 0 disarms.
void fail_nth(uint32_t n);
void disarm();

// Called by the allocators for each allocation: true when this one must fail.
bool should_fail();

// Whether the armed failure has happened since fail_nth, and the allocations counted since.
bool has_failed();
uint32_t allocations_counted();

// Arms "fail-alloc=N" from the command line, if it is there (boot.cpp, before the first program).
void arm_from_command_line();

} // namespace memory::allocation_failure
