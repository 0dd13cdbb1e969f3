// MemoryAccount: what one process has made the kernel allocate for it, and how much it may.
//
// Every frame the kernel takes on behalf of a program is charged to that program's account:
// its user pages, its page directory and page tables, the kernel stacks of its threads, the
// frames of the shared-memory objects it created. Kernel objects on the heap made for it
// (threads, mutexes, semaphores, shared-memory objects) are charged by their size in bytes.
// A charge that would pass the limit fails with OutOfMemory, which the program sees as ENOMEM;
// the charge goes back when the thing is freed. docs/memory.md explains the design.
//
// Guarded by disabling interrupts: frames are charged inside the frame allocator's own
// critical section (frames.cpp).
#pragma once

#include "libk/error_or.h"

namespace memory {

class MemoryAccount {
public:
    explicit MemoryAccount(uint32_t limit_pages) : m_limit_pages(limit_pages) {}
    MemoryAccount(const MemoryAccount&) = delete;
    MemoryAccount& operator=(const MemoryAccount&) = delete;

    // Frames (4 KiB each).
    libk::ErrorOr<void> charge_frames(uint32_t count);
    void uncharge_frames(uint32_t count);

    // Bytes of kernel heap. They count against the limit in whole pages, rounded up.
    libk::ErrorOr<void> charge_bytes(size_t bytes);
    void uncharge_bytes(size_t bytes);

    uint32_t charged_frames() const { return m_frames; }
    size_t charged_bytes() const { return m_bytes; }
    // Frames plus the heap bytes in whole pages: what the limit is checked against.
    uint32_t charged_pages() const;
    uint32_t limit_pages() const { return m_limit_pages; }

private:
    bool fits(uint32_t frames, size_t bytes) const;

    uint32_t m_limit_pages;
    uint32_t m_frames = 0;
    size_t m_bytes = 0;
};

// The limit a new process gets: memlimit=N (MiB) on the command line, by default half of the
// RAM the kernel manages. Read once at boot by set_default_memory_limit.
void set_default_memory_limit(uint32_t pages);
uint32_t default_memory_limit_pages();

} // namespace memory
