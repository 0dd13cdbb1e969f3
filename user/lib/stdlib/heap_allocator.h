// The allocator behind malloc, free and realloc: first fit over a list of free blocks, with
// boundary information in every block so that a freed block merges with free neighbours at once.
// It knows nothing about system calls: it asks a GrowHeap function for more memory (sbrk in a
// program, a fake over an array in the host tests), so the whole of it is tested on the host.
//
// Memory layout: the heap is a chain of blocks, each a header followed by its payload:
//
//     [header|payload ...][header|payload ...] ... [end header]
//
// A header records its block's size and the size of the block just below it, so both
// neighbours of any block are one addition or subtraction away. The end header closes the chain;
// when the heap grows, the new memory becomes a block that starts where the end header was.
// If new memory does not continue the heap (someone else moved the program break), the hole in
// between becomes a "gap" block that is never handed out.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace userlib {

// Returns `increment` more bytes, directly above the previous ones when it can; nullptr when
// no more memory can be had.
using GrowHeap = void* (*)(size_t increment, void* context);

struct HeapStatistics {
    size_t heap_bytes; // obtained from GrowHeap and in use by the heap (gaps not counted)
    size_t used_bytes; // in blocks handed out, headers included
    size_t free_bytes; // in free blocks, headers included
    size_t used_blocks;
    size_t free_blocks;
};

enum class ReleaseResult {
    Released,
    NotAllocated, // not a block of this heap, or freed already
};

struct BlockHeader;

class HeapAllocator {
public:
    // Every payload is aligned to this (max_align_t's alignment).
    static constexpr size_t ALIGNMENT = 16;
    // The heap asks for at least this much at a time, to make few system calls.
    static constexpr size_t GROWTH_STEP = 64 * 1024;

    constexpr HeapAllocator(GrowHeap grow, void* context) : m_grow(grow), m_context(context) {}
    HeapAllocator(const HeapAllocator&) = delete;
    HeapAllocator& operator=(const HeapAllocator&) = delete;

    // malloc: nullptr when no memory is left. allocate(0) gives a unique small block.
    void* allocate(size_t size);

    // free, for a pointer that allocate or reallocate returned and that was not released yet.
    [[nodiscard]] ReleaseResult release(void* pointer);

    // realloc for a pointer of this heap (check is_allocated first) and size > 0: keeps the
    // block when it can (shrinking it, or growing into a free neighbour), otherwise moves the
    // contents. nullptr (and the old block untouched) when no memory is left.
    void* reallocate(void* pointer, size_t size);

    // True when `pointer` is the payload of a block handed out and not yet released.
    bool is_allocated(const void* pointer) const;

    // How many bytes the block at `pointer` can hold (at least what was asked for).
    size_t usable_size(const void* pointer) const;

    HeapStatistics statistics() const;

    // Walks the whole heap and checks every invariant; for tests and debugging.
    bool is_consistent() const;

private:
    BlockHeader* find_free_block(size_t block_size);
    bool grow(size_t block_size);
    bool take_memory(uint8_t* memory, size_t size);
    void start_chain(uint8_t* memory, size_t size);
    void set_end(uint8_t* address);
    void insert_free(BlockHeader* block);
    void remove_free(BlockHeader* block);
    BlockHeader* merge_with_neighbours(BlockHeader* block);
    void split(BlockHeader* block, size_t block_size);
    void* use(BlockHeader* block, size_t block_size);

    GrowHeap m_grow;
    void* m_context;
    BlockHeader* m_first = nullptr;     // the lowest block
    BlockHeader* m_end = nullptr;       // the end header
    BlockHeader* m_free_list = nullptr; // free blocks, most recently freed first
};

} // namespace userlib
