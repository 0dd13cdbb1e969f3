// Where things live in the virtual address space. Must agree with arch/x86/kernel.ld and
// boot/entry.asm, which hold the same constants for the linker and the boot code.
//
//   0x00000000 - 0x00000FFF  never mapped: a null pointer dereference faults
//   0x00001000 - 0xBFFFFFFF  user space, private to each process
//   0xC0000000 - 0xFFFFFFFF  kernel space, the same in every address space
#pragma once

#include "libk/types.h"

namespace memory {

constexpr uintptr_t KERNEL_VIRTUAL_BASE = 0xC0000000;
constexpr uintptr_t PAGE_SIZE = 4096;

// The boot page directory maps this much physical memory at KERNEL_VIRTUAL_BASE.
constexpr uintptr_t BOOT_MAPPED_BYTES = 16 * 1024 * 1024;

// Physical memory below BOOT_MAPPED_BYTES is visible at a fixed offset in the kernel half.
inline void* physical_to_virtual(uintptr_t physical) {
    return reinterpret_cast<void*>(physical + KERNEL_VIRTUAL_BASE);
}

inline uintptr_t virtual_to_physical(const void* kernel_address) {
    return reinterpret_cast<uintptr_t>(kernel_address) - KERNEL_VIRTUAL_BASE;
}

} // namespace memory
