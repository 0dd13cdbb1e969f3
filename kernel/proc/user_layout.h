// Where things go in a process's address space (libk/abi/program_start.h gives the outline that
// user programs may rely on):
//
//   0x00000000 - 0x00000FFF  never mapped: null pointers fault
//   0x00400000 - image end   the program's segments (user/lib/user.ld links them here)
//   image end  - break       the heap, grown and shrunk by brk; it never reaches HEAP_LIMIT
//   HEAP_LIMIT - REGIONS_END thread stacks and shared-memory mappings (memory_regions.h)
//   guard page               never mapped: the main stack overflows into it
//   MAIN_STACK_BOTTOM - TOP  the first thread's stack, mapped whole when the program starts
//   0xC0000000 - ...         the kernel
#pragma once

#include "kernel/memory/layout.h"
#include "libk/abi/program_start.h"
#include "libk/abi/types.h"

namespace user_layout {

constexpr uintptr_t PROGRAM_BASE = ABI_PROGRAM_BASE;
constexpr uintptr_t HEAP_LIMIT = 0x40000000;
constexpr uintptr_t MAIN_STACK_TOP = ABI_MAIN_STACK_TOP;
constexpr size_t MAIN_STACK_SIZE = ABI_MAIN_STACK_SIZE;
constexpr uintptr_t MAIN_STACK_BOTTOM = MAIN_STACK_TOP - MAIN_STACK_SIZE;
constexpr uintptr_t MAIN_STACK_GUARD = MAIN_STACK_BOTTOM - memory::PAGE_SIZE;
constexpr uintptr_t REGIONS_START = HEAP_LIMIT;
constexpr uintptr_t REGIONS_END = MAIN_STACK_GUARD;
// A thread_create stack: its guard page, then ABI_THREAD_STACK_SIZE bytes.
constexpr size_t THREAD_STACK_SIZE = ABI_THREAD_STACK_SIZE;
constexpr size_t THREAD_STACK_REGION_SIZE = THREAD_STACK_SIZE + memory::PAGE_SIZE;

static_assert(MAIN_STACK_TOP < memory::USER_END);
static_assert(THREAD_STACK_SIZE % memory::PAGE_SIZE == 0);

constexpr uintptr_t page_round_down(uintptr_t address) {
    return address & ~(memory::PAGE_SIZE - 1);
}
constexpr uintptr_t page_round_up(uintptr_t address) {
    return (address + memory::PAGE_SIZE - 1) & ~(memory::PAGE_SIZE - 1);
}

} // namespace user_layout
