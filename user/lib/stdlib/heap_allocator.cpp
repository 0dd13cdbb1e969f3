// First-fit allocation with immediate merging of free neighbours. See heap_allocator.h for the
// layout of the heap; the invariants is_consistent() checks are:
//   - blocks tile the heap from m_first to m_end: each block's size leads to the next header,
//     and each header's previous_size is the size of the block below (0 for the first);
//   - no two free blocks are neighbours (they would have been merged);
//   - the free list holds exactly the free blocks.
#include "user/lib/stdlib/heap_allocator.h"

namespace userlib {

// Lives at the start of every block; a free block also keeps its list links in its payload.
struct BlockHeader {
    size_t size;          // of the whole block, header included; a multiple of ALIGNMENT
    size_t previous_size; // of the block just below; 0 for the first block
    uint32_t state;       // one of the BLOCK_* values: also catches wild and double frees
};

namespace {

constexpr uint32_t BLOCK_USED = 0x55534544; // "USED" in a memory dump
constexpr uint32_t BLOCK_FREE = 0x46524545; // "FREE"
constexpr uint32_t BLOCK_GAP = 0x47415020;  // "GAP ": memory between two parts of the heap
constexpr uint32_t BLOCK_END = 0x454E4421;  // "END!"

struct FreeLinks {
    BlockHeader* next;
    BlockHeader* previous;
};

constexpr size_t round_up(size_t value, size_t multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

constexpr size_t HEADER_SIZE = round_up(sizeof(BlockHeader), HeapAllocator::ALIGNMENT);
// A free block must hold its header and its list links.
constexpr size_t MINIMUM_BLOCK =
    HEADER_SIZE + round_up(sizeof(FreeLinks), HeapAllocator::ALIGNMENT);
constexpr size_t PAGE_SIZE = 4096;

uint8_t* address_of(BlockHeader* block) {
    return reinterpret_cast<uint8_t*>(block);
}
BlockHeader* block_at(uint8_t* address) {
    return reinterpret_cast<BlockHeader*>(address);
}
BlockHeader* next_block(BlockHeader* block) {
    return block_at(address_of(block) + block->size);
}
BlockHeader* previous_block(BlockHeader* block) {
    return block->previous_size == 0 ? nullptr : block_at(address_of(block) - block->previous_size);
}
FreeLinks* links_of(BlockHeader* block) {
    return reinterpret_cast<FreeLinks*>(address_of(block) + HEADER_SIZE);
}
void* payload_of(BlockHeader* block) {
    return address_of(block) + HEADER_SIZE;
}
BlockHeader* header_of(const void* payload) {
    return block_at(const_cast<uint8_t*>(static_cast<const uint8_t*>(payload)) - HEADER_SIZE);
}

// The block size for a request of `size` bytes, or 0 when no block could be that large.
size_t block_size_for(size_t size) {
    if (size > SIZE_MAX - HEADER_SIZE - PAGE_SIZE)
        return 0;
    size_t block_size = round_up(size + HEADER_SIZE, HeapAllocator::ALIGNMENT);
    return block_size < MINIMUM_BLOCK ? MINIMUM_BLOCK : block_size;
}

} // namespace

void HeapAllocator::insert_free(BlockHeader* block) {
    block->state = BLOCK_FREE;
    FreeLinks* links = links_of(block);
    links->next = m_free_list;
    links->previous = nullptr;
    if (m_free_list)
        links_of(m_free_list)->previous = block;
    m_free_list = block;
}

void HeapAllocator::remove_free(BlockHeader* block) {
    FreeLinks* links = links_of(block);
    if (links->previous)
        links_of(links->previous)->next = links->next;
    else
        m_free_list = links->next;
    if (links->next)
        links_of(links->next)->previous = links->previous;
}

// Merges a block that is about to become free with the free blocks directly above and below;
// returns the merged block (which starts lower when the block below was free). Neither the
// block nor the result is in the free list.
BlockHeader* HeapAllocator::merge_with_neighbours(BlockHeader* block) {
    BlockHeader* above = next_block(block);
    if (above->state == BLOCK_FREE) {
        remove_free(above);
        block->size += above->size;
    }
    BlockHeader* below = previous_block(block);
    if (below && below->state == BLOCK_FREE) {
        remove_free(below);
        below->size += block->size;
        block = below;
    }
    next_block(block)->previous_size = block->size;
    return block;
}

// Cuts `block` down to `block_size` when the rest is big enough to be a block of its own; the
// rest becomes free (merged with a free block above it).
void HeapAllocator::split(BlockHeader* block, size_t block_size) {
    if (block->size - block_size < MINIMUM_BLOCK)
        return;
    BlockHeader* rest = block_at(address_of(block) + block_size);
    rest->size = block->size - block_size;
    rest->previous_size = block_size;
    block->size = block_size;
    insert_free(merge_with_neighbours(rest));
}

void* HeapAllocator::use(BlockHeader* block, size_t block_size) {
    remove_free(block);
    block->state = BLOCK_USED;
    split(block, block_size);
    return payload_of(block);
}

BlockHeader* HeapAllocator::find_free_block(size_t block_size) {
    for (BlockHeader* block = m_free_list; block; block = links_of(block)->next) {
        if (block->size >= block_size)
            return block;
    }
    return nullptr;
}

void HeapAllocator::set_end(uint8_t* address) {
    m_end = block_at(address);
    m_end->size = 0;
    m_end->state = BLOCK_END;
}

void HeapAllocator::start_chain(uint8_t* memory, size_t size) {
    m_first = block_at(memory);
    m_first->size = size - HEADER_SIZE;
    m_first->previous_size = 0;
    set_end(memory + m_first->size);
    m_end->previous_size = m_first->size;
    insert_free(m_first);
}

// Adds `size` bytes at `memory` (from GrowHeap) to the heap as one free block.
bool HeapAllocator::take_memory(uint8_t* memory, size_t size) {
    uint8_t* aligned =
        reinterpret_cast<uint8_t*>(round_up(reinterpret_cast<uintptr_t>(memory), ALIGNMENT));
    size_t usable = (size - (aligned - memory)) / ALIGNMENT * ALIGNMENT;
    if (m_end == nullptr) {
        start_chain(aligned, usable);
        return true;
    }
    uint8_t* top = address_of(m_end) + HEADER_SIZE;
    if (memory < top)
        return false; // below the heap's end: someone else moved the break down; do not use it
    BlockHeader* block = m_end;
    if (memory == top) {
        // Continues the heap: the new block starts at the old end header.
        block->size = size / ALIGNMENT * ALIGNMENT;
    } else {
        // A hole: the old end header becomes a gap block that spans it.
        block->size = aligned - address_of(block);
        block->state = BLOCK_GAP;
        BlockHeader* gap = block;
        block = block_at(aligned);
        block->previous_size = gap->size;
        block->size = usable - HEADER_SIZE;
    }
    set_end(address_of(block) + block->size);
    m_end->previous_size = block->size;
    insert_free(merge_with_neighbours(block));
    return true;
}

// Gets memory for at least one block of `block_size` bytes: a whole growth step when possible,
// otherwise just enough (so that a small allocation still succeeds near exhaustion).
bool HeapAllocator::grow(size_t block_size) {
    // Room for the block, a new end header and the worst alignment of memory that does not
    // continue the heap.
    size_t minimum = block_size + HEADER_SIZE + ALIGNMENT;
    size_t preferred = round_up(minimum > GROWTH_STEP ? minimum : GROWTH_STEP, PAGE_SIZE);
    const size_t attempts[] = {preferred, minimum};
    for (size_t increment : attempts) {
        void* memory = m_grow(increment, m_context);
        if (memory)
            return take_memory(static_cast<uint8_t*>(memory), increment);
    }
    return false;
}

void* HeapAllocator::allocate(size_t size) {
    size_t block_size = block_size_for(size);
    if (block_size == 0)
        return nullptr;
    BlockHeader* block = find_free_block(block_size);
    if (!block) {
        if (!grow(block_size))
            return nullptr;
        block = find_free_block(block_size);
        if (!block)
            return nullptr;
    }
    return use(block, block_size);
}

bool HeapAllocator::is_allocated(const void* pointer) const {
    auto address = reinterpret_cast<uintptr_t>(pointer);
    if (m_first == nullptr || address % ALIGNMENT != 0 ||
        address < reinterpret_cast<uintptr_t>(m_first) + HEADER_SIZE ||
        address >= reinterpret_cast<uintptr_t>(m_end))
        return false;
    return header_of(pointer)->state == BLOCK_USED;
}

ReleaseResult HeapAllocator::release(void* pointer) {
    if (!is_allocated(pointer))
        return ReleaseResult::NotAllocated;
    BlockHeader* block = header_of(pointer);
    // Marked before merging: if the block merges into the one below, its header stays behind
    // inside that free block, and a second free of the same pointer must still be noticed.
    block->state = BLOCK_FREE;
    insert_free(merge_with_neighbours(block));
    return ReleaseResult::Released;
}

size_t HeapAllocator::usable_size(const void* pointer) const {
    return header_of(pointer)->size - HEADER_SIZE;
}

void* HeapAllocator::reallocate(void* pointer, size_t size) {
    size_t block_size = block_size_for(size);
    if (block_size == 0)
        return nullptr;
    BlockHeader* block = header_of(pointer);
    BlockHeader* above = next_block(block);
    if (block->size < block_size && above->state == BLOCK_FREE &&
        block->size + above->size >= block_size) {
        remove_free(above);
        block->size += above->size;
        next_block(block)->previous_size = block->size;
    }
    if (block->size >= block_size) {
        split(block, block_size);
        return pointer;
    }
    void* moved = allocate(size);
    if (!moved)
        return nullptr;
    __builtin_memcpy(moved, pointer, block->size - HEADER_SIZE);
    (void)release(pointer);
    return moved;
}

HeapStatistics HeapAllocator::statistics() const {
    HeapStatistics statistics{};
    if (!m_first)
        return statistics;
    for (BlockHeader* block = m_first; block != m_end; block = next_block(block)) {
        if (block->state == BLOCK_USED) {
            statistics.used_bytes += block->size;
            ++statistics.used_blocks;
        } else if (block->state == BLOCK_FREE) {
            statistics.free_bytes += block->size;
            ++statistics.free_blocks;
        }
        if (block->state != BLOCK_GAP)
            statistics.heap_bytes += block->size;
    }
    statistics.heap_bytes += HEADER_SIZE; // the end header
    return statistics;
}

bool HeapAllocator::is_consistent() const {
    if (!m_first)
        return m_end == nullptr && m_free_list == nullptr;
    size_t free_in_chain = 0;
    size_t previous_size = 0;
    uint32_t previous_state = 0;
    BlockHeader* block = m_first;
    for (; block != m_end; block = next_block(block)) {
        bool known =
            block->state == BLOCK_USED || block->state == BLOCK_FREE || block->state == BLOCK_GAP;
        if (!known || block->size == 0 || block->size % ALIGNMENT != 0 ||
            block->previous_size != previous_size)
            return false;
        if (block->state == BLOCK_FREE && previous_state == BLOCK_FREE)
            return false; // two free neighbours should have been merged
        free_in_chain += block->state == BLOCK_FREE;
        previous_size = block->size;
        previous_state = block->state;
    }
    if (block->state != BLOCK_END || block->previous_size != previous_size)
        return false;
    size_t free_in_list = 0;
    for (BlockHeader* free = m_free_list; free; free = links_of(free)->next) {
        if (free->state != BLOCK_FREE)
            return false;
        ++free_in_list;
    }
    return free_in_list == free_in_chain;
}

} // namespace userlib
