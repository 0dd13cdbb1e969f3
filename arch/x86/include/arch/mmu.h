// The instructions that control paging: which page directory is active (CR3), dropping stale
// translations from the TLB (invlpg), and write protection for the kernel (CR0.WP).
// Part of the arch boundary: kernel/memory/ calls these instead of writing inline asm.
#pragma once

#include "arch/cpu.h"
#include <stdint.h>

namespace arch {

constexpr uint32_t CR0_WRITE_PROTECT = 1u << 16; // ring 0 honours read-only pages too
constexpr uint32_t CR0_PAGING = 1u << 31;

// Makes the page directory at physical `directory` the active one. Flushes every non-global
// TLB entry as a side effect.
inline void load_page_directory(uint32_t directory) {
    asm volatile("mov %0, %%cr3" ::"r"(directory) : "memory");
}

inline uint32_t active_page_directory() {
    return read_cr3();
}

// Drops the TLB's cached translation of the page holding `virtual_address`. Needed after
// changing or removing a mapping of the active directory; adding a mapping needs none, since
// the CPU caches no "not present" translations.
inline void invalidate_page(uintptr_t virtual_address) {
    asm volatile("invlpg (%0)" ::"r"(virtual_address) : "memory");
}

inline void enable_write_protect() {
    uint32_t value;
    asm volatile("mov %%cr0, %0" : "=r"(value));
    value |= CR0_WRITE_PROTECT;
    asm volatile("mov %0, %%cr0" ::"r"(value) : "memory");
}

} // namespace arch
