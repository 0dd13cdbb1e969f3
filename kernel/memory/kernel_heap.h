// The kernel heap: the one Heap (heap.h) behind operator new and delete, in the kernel-half
// range [KERNEL_HEAP_BASE, KERNEL_HEAP_BASE + KERNEL_HEAP_SIZE). It grows by mapping fresh
// frames at its end; freed pages stay mapped for the next allocation.
//
// Running out of memory is a value (OutOfMemory, or nullptr from `new (std::nothrow)`). A
// corrupted heap, a double free or a pointer that never came from the heap is a kernel bug and
// panics with what was found and where.
//
// Debug builds (the default; -DNDEBUG turns it off) also poison freed memory and check the bytes
// after each request, which catches writes after free and small overflows.
#pragma once

#include "kernel/memory/heap.h"

namespace memory {

void initialize_kernel_heap();

libk::ErrorOr<void*> kernel_allocate(size_t size, size_t alignment = Heap::MINIMUM_ALIGNMENT);
void kernel_free(void* pointer);

HeapStatistics kernel_heap_statistics();

// Walks the whole heap; true (and what and where in `problem`) when something is damaged. The
// kernel's self-check (kernel/debug/self_check.h) reports it instead of panicking.
bool find_kernel_heap_problem(HeapProblem& problem);

// Walks the whole heap and panics if anything is damaged (for tests and debugging).
void check_kernel_heap();

} // namespace memory
