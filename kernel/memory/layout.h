// Where things live in the virtual address space. Must agree with arch/x86/kernel.ld and
// boot/entry.asm, which hold the same constants for the linker and the boot code.
//
//   0x00000000 - 0x00000FFF  never mapped: a null pointer dereference faults
//   0x00001000 - 0xBFFFFFFF  user space, private to each process
//   0xC0000000 - 0xF7FFFFFF  direct map: physical address p is at 0xC0000000 + p, for the RAM
//                            below 896 MiB (the kernel image is part of it, at 0xC0100000)
//   0xF8000000 - 0xFBFFFFFF  kernel heap (operator new), mapped page by page as it grows
//   0xFC000000 - 0xFFBFFFFF  kernel stacks: 16 KiB each, with an unmapped guard page below
//   0xFFC00000 - 0xFFFFFFFF  never mapped
//
// The kernel half is the same in every address space: its page tables are allocated at boot
// and every page directory points at them (docs/memory.md).
#pragma once

#include "libk/types.h"

namespace memory {

constexpr uintptr_t PAGE_SIZE = 4096;

constexpr uintptr_t USER_START = PAGE_SIZE; // page 0 stays unmapped
constexpr uintptr_t USER_END = 0xC0000000;  // first address user code may not touch
constexpr uintptr_t KERNEL_VIRTUAL_BASE = USER_END;

constexpr uintptr_t DIRECT_MAP_BASE = KERNEL_VIRTUAL_BASE;
constexpr uintptr_t DIRECT_MAP_SIZE = 896 * 1024 * 1024; // RAM above this is not used

constexpr uintptr_t KERNEL_HEAP_BASE = 0xF8000000;
constexpr uintptr_t KERNEL_HEAP_SIZE = 64 * 1024 * 1024;

constexpr uintptr_t KERNEL_STACKS_BASE = 0xFC000000;
constexpr uintptr_t KERNEL_STACKS_SIZE = 60 * 1024 * 1024;
constexpr uintptr_t KERNEL_STACK_SIZE = 16 * 1024;
constexpr uintptr_t KERNEL_STACK_GUARD_SIZE = PAGE_SIZE;

static_assert(DIRECT_MAP_BASE + DIRECT_MAP_SIZE <= KERNEL_HEAP_BASE);
static_assert(KERNEL_HEAP_BASE + KERNEL_HEAP_SIZE <= KERNEL_STACKS_BASE);

// The boot page directory (boot/entry.asm) maps this much physical memory at
// KERNEL_VIRTUAL_BASE. Until the kernel's own tables are active, only this part of the direct
// map exists.
constexpr uintptr_t BOOT_MAPPED_BYTES = 16 * 1024 * 1024;

// The direct map: physical memory below DIRECT_MAP_SIZE at a fixed offset in the kernel half.
inline void* physical_to_virtual(uintptr_t physical) {
    return reinterpret_cast<void*>(physical + DIRECT_MAP_BASE);
}

inline uintptr_t virtual_to_physical(const void* kernel_address) {
    return reinterpret_cast<uintptr_t>(kernel_address) - DIRECT_MAP_BASE;
}

} // namespace memory
