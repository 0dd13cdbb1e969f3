// Changing a process's memory at run time: thread stacks, shared-memory mappings (mmap, munmap)
// and the heap (brk). Each function takes the process's memory lock itself, except those that
// say "memory lock held". Pages are counted in the process (ps shows the total).
#pragma once

#include "kernel/proc/process.h"

class SharedMemory;

namespace user_memory {

// Maps a new thread stack (a guard page, then user_layout::THREAD_STACK_SIZE bytes) in the
// region area and returns the region's start; its top is start + THREAD_STACK_REGION_SIZE.
libk::ErrorOr<uintptr_t> map_thread_stack(Process& process);

struct SharedMapping {
    uint32_t offset;       // page-aligned offset into the object
    size_t length;         // bytes, rounded up to pages by the caller
    bool writable;         //
    uintptr_t address;     // where; 0: the kernel chooses
    bool address_is_exact; // ABI_MAP_FIXED: exactly there or not at all
};
// Maps part of `object` (its lock held by the caller) and returns the address.
// OutOfMemory when there is no room, BadAddress for an exact address that is not free.
libk::ErrorOr<uintptr_t> map_shared(Process& process, SharedMemory& object,
                                    const SharedMapping& mapping);

// munmap: removes the shared-memory pages in [start, start + length); partly covered mappings
// shrink or split. Thread stacks and the program are left alone. OutOfMemory when a split finds
// the region list full (nothing changed then).
libk::ErrorOr<void> unmap_range(Process& process, uintptr_t start, size_t length);

// Unmaps one region's pages (the guard page of a stack is not mapped) and, for shared memory,
// gives the object back its frames and the region's reference. Memory lock held.
void unmap_region(Process& process, const MemoryRegion& region);

// brk: moves the end of the heap to `address` (0: no change) and returns the break after the
// call. OutOfMemory below the start, into the region area, or out of frames.
libk::ErrorOr<uintptr_t> set_break(Process& process, uintptr_t address);

} // namespace user_memory
