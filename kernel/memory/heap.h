// Heap: the allocator behind the kernel's operator new and delete.
//
// The heap owns a range of virtual addresses [base, base + capacity) and uses it from the bottom
// up. When no free block fits a request it asks its HeapBacking to make the next pages usable
// (the kernel maps fresh frames there; host tests hand out pieces of a malloc'ed arena). It grows
// and shrinks in whole GROWTH_STEPs from the base: when the block at the top is free, the heap
// ends at the first step boundary that leaves room for it (keeping at least one step), and the
// rest goes back to the backing. So the backed size depends only on where the last block in use
// ends: once a burst of allocations is freed, the kernel has its frames back, and a leak check
// that compares free frames before and after sees no difference.
//
// Every block carries boundary tags: a 16-byte header before the payload and a 16-byte footer
// after it, both holding the block's size and state. The footer lets free() find the previous
// block, so freed neighbours merge in O(1); it is also the canary right behind the payload that
// a buffer overflow hits first. Free blocks sit on a doubly linked free list (first fit).
//
// With HeapChecking::CanariesAndPoison (debug builds), freed memory is filled with a poison byte
// and checked when it is handed out again (a write after free is caught), and the unused bytes
// after each request are checked on free (a small overflow is caught).
//
// Errors are returned, never ignored: OutOfMemory, InvalidArgument, DoubleFree, NotAllocated,
// HeapCorrupted; last_problem() says what and where, for the kernel's panic message.
#pragma once

#include "libk/error_or.h"

namespace memory {

// Makes more of the heap's address range usable, on request, and takes back what the heap no
// longer needs.
class HeapBacking {
public:
    // Back [address, address + size) with memory. Both are page-aligned; each call continues
    // where the previous one ended.
    virtual libk::ErrorOr<void> back(uintptr_t address, size_t size) = 0;
    // The heap gives up [address, address + size), the end of what is backed (page-aligned).
    virtual void release(uintptr_t address, size_t size) = 0;

protected:
    ~HeapBacking() = default;
};

enum class HeapChecking { Canaries, CanariesAndPoison };

struct HeapStatistics {
    size_t bytes_in_use;  // bytes callers asked for, over all live allocations
    size_t blocks_in_use; // live allocations
    size_t bytes_free;    // bytes in free blocks, boundary tags included
    size_t heap_size;     // bytes backed so far (used + free)
};

// The most recent error, described for a report.
struct HeapProblem {
    const char* description;
    uintptr_t address;
};

class Heap {
public:
    static constexpr size_t MINIMUM_ALIGNMENT = 16;
    static constexpr size_t GROWTH_STEP = 64 * 1024;

    // `base` must be page-aligned; nothing is backed until the first allocation.
    Heap(uintptr_t base, size_t capacity, HeapBacking& backing, HeapChecking checking);
    Heap(const Heap&) = delete;
    Heap& operator=(const Heap&) = delete;

    // At least `size` bytes aligned to `alignment` (a power of two). Size 0 gives a unique
    // pointer, as C++ requires.
    libk::ErrorOr<void*> allocate(size_t size, size_t alignment = MINIMUM_ALIGNMENT);

    // Frees what allocate() returned; nullptr is accepted and ignored.
    libk::ErrorOr<void> free(void* pointer);

    // Walks every block and checks all boundary tags, the free list and (with poisoning) all
    // free memory. Slow; for tests and for debugging.
    libk::ErrorOr<void> check_all();

    HeapStatistics statistics() const;
    HeapProblem last_problem() const { return m_problem; }

    // One block's boundary tags (heap_block.h); only the heap's own files use it.
    struct Block;

private:
    struct Placement {
        Block* free_block;
        uintptr_t start;
    };

    libk::ErrorOr<Placement> find_fit(size_t block_size, size_t alignment);
    libk::ErrorOr<void> grow(size_t minimum);
    void release_free_top();
    libk::ErrorOr<void*> carve(const Placement& place, size_t block_size, size_t requested);
    void split_tail(Block* block, size_t keep);
    Block* merge_with_neighbours(Block* block);
    Block* next_block(Block* block) const;
    Block* previous_block(Block* block) const;
    void insert_free(Block* block);
    void remove_free(Block* block);

    // Integrity (heap_checks.cpp).
    bool is_intact(const Block* block) const;
    libk::ErrorOr<void> check_neighbours(Block* block);
    libk::Error diagnose_bad_free(uintptr_t payload);
    libk::ErrorOr<void> check_poison(uintptr_t from, uintptr_t to);
    void poison(uintptr_t from, uintptr_t to);
    void poison_free_block(Block* block);
    void fill_slack(Block* block);
    libk::ErrorOr<void> check_slack(Block* block);
    libk::ErrorOr<void> check_free_list(size_t free_blocks);
    libk::Error report(libk::Error error, const char* description, uintptr_t address);

    const uintptr_t m_base;
    const uintptr_t m_limit;
    uintptr_t m_break; // end of the backed part; every byte of [m_base, m_break) is in a block
    HeapBacking& m_backing;
    const HeapChecking m_checking;
    Block* m_free_list = nullptr;
    size_t m_bytes_in_use = 0;
    size_t m_blocks_in_use = 0;
    size_t m_bytes_free = 0;
    HeapProblem m_problem{nullptr, 0};
};

} // namespace memory
