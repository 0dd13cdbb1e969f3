// The kernel's own page directory and the page tables of the kernel half, which every address
// space shares. Built once at boot, replacing the boot directory of boot/entry.asm:
//   - the direct map of RAM, in 4 KiB pages, read-write, except the kernel's code, constants and
//     read-only-after-boot data, which are read-only (and CR0.WP makes the kernel itself obey
//     that; see read_only_memory.h);
//   - no user half at all: the boot's identity view of low memory is gone, page 0 included;
//   - a page table for every 4 MiB of the kernel half, allocated up front, so later kernel
//     mappings (heap, stacks) never change a directory entry.
#pragma once

#include "kernel/memory/memory_map.h"
#include "kernel/memory/page_tables.h"

namespace memory {

// Builds the tables, loads them into CR3 and turns on write protection.
void initialize_kernel_page_tables(const MemoryMap& map);

// Frames as the kernel reaches them: through the direct map, from the frame allocator.
PhysicalMemory& kernel_physical_memory();

PageTables& kernel_page_tables();

// The bytes of RAM the direct map covers (from physical 0).
uint64_t direct_map_bytes();

// Maps or unmaps one page in the kernel half (every address space sees the change at once).
// unmap_kernel_page returns the frame that was there, which the caller still owns.
libk::ErrorOr<void> map_kernel_page(uintptr_t virtual_address, PhysicalAddress frame,
                                    PagePermissions permissions);
libk::ErrorOr<PhysicalAddress> unmap_kernel_page(uintptr_t virtual_address);

// The same for pages backed by a fresh frame (heap and stacks): map_new_kernel_page allocates
// a frame and maps it read-write; free_kernel_page unmaps the page and frees its frame.
libk::ErrorOr<void> map_new_kernel_page(uintptr_t virtual_address);
void free_kernel_page(uintptr_t virtual_address);

// Makes the kernel's own directory the active one (for kernel threads, and before an address
// space that is active is destroyed).
void activate_kernel_page_tables();

} // namespace memory
