// See heap.h. Allocation, freeing and growth; the integrity checks are in heap_checks.cpp.
#include "kernel/memory/heap.h"
#include "kernel/memory/heap_block.h"
#include "kernel/memory/layout.h"
#include "libk/utility.h"

namespace memory {
namespace {

constexpr bool is_power_of_two(size_t value) {
    return value != 0 && (value & (value - 1)) == 0;
}

// Where a block of `block_size` bytes with its payload aligned to `alignment` fits inside the
// free block, or 0. Any gap left in front must itself be big enough to stay a free block.
uintptr_t placement_in(Heap::Block* free_block, size_t block_size, size_t alignment) {
    uintptr_t start = libk::align_up(free_block->payload(), alignment) - HEAP_TAG_SIZE;
    size_t lead = start - free_block->start();
    while (lead != 0 && lead < HEAP_MINIMUM_BLOCK) {
        start += alignment;
        lead += alignment;
    }
    return start + block_size <= free_block->end() ? start : 0;
}

} // namespace

Heap::Heap(uintptr_t base, size_t capacity, HeapBacking& backing, HeapChecking checking)
    : m_base(base), m_limit(base + libk::align_down(capacity, PAGE_SIZE)), m_break(base),
      m_backing(backing), m_checking(checking) {}

libk::ErrorOr<void*> Heap::allocate(size_t size, size_t alignment) {
    if (!is_power_of_two(alignment))
        return report(libk::Error::InvalidArgument, "alignment is not a power of two", alignment);
    alignment = libk::max(alignment, MINIMUM_ALIGNMENT);
    size_t capacity = m_limit - m_base;
    if (size > capacity || alignment > capacity)
        return report(libk::Error::OutOfMemory, "request larger than the whole heap", size);
    size_t block_size = libk::align_up(size == 0 ? 1 : size, HEAP_TAG_SIZE) + 2 * HEAP_TAG_SIZE;

    Placement place = TRY(find_fit(block_size, alignment));
    if (place.free_block == nullptr) {
        // Enough for the block even after the worst alignment gap in front of it.
        TRY(grow(block_size + 2 * alignment));
        place = TRY(find_fit(block_size, alignment));
        if (place.free_block == nullptr)
            return report(libk::Error::OutOfMemory, "no fit even after growing", size);
    }
    void* payload = TRY(carve(place, block_size, size));
    release_free_top(); // the growth may have been more than the block needed
    return payload;
}

libk::ErrorOr<Heap::Placement> Heap::find_fit(size_t block_size, size_t alignment) {
    for (Block* block = m_free_list; block != nullptr; block = block->links().next) {
        if (!is_intact(block) || !block->is_free())
            return report(libk::Error::HeapCorrupted, "a free-list block's tags are damaged",
                          block->start());
        uintptr_t start = placement_in(block, block_size, alignment);
        if (start != 0)
            return Placement{block, start};
    }
    return Placement{nullptr, 0};
}

libk::ErrorOr<void> Heap::grow(size_t minimum) {
    size_t remaining = m_limit - m_break;
    // To the next step boundary that leaves `minimum` bytes (see release_free_top).
    size_t amount = libk::align_up(m_break - m_base + minimum, GROWTH_STEP) - (m_break - m_base);
    if (amount > remaining)
        amount = libk::align_up(minimum, PAGE_SIZE);
    if (amount > remaining)
        return report(libk::Error::OutOfMemory, "the heap's address range is used up", m_break);
    libk::ErrorOr<void> backed = m_backing.back(m_break, amount);
    if (backed.is_error())
        return report(backed.error(), "no memory to grow the heap", m_break);

    Block* block = Block::write(m_break, amount, HEAP_FREE_MAGIC, 0);
    m_break += amount;
    m_bytes_free += amount;
    if (m_checking == HeapChecking::CanariesAndPoison)
        poison_free_block(block);
    TRY(check_neighbours(block));
    insert_free(merge_with_neighbours(block));
    return {};
}

// Turns the free block in `place` into a used block at place.start; what is left in front of it
// and behind it stays free.
libk::ErrorOr<void*> Heap::carve(const Placement& place, size_t block_size, size_t requested) {
    Block* free_block = place.free_block;
    uintptr_t free_end = free_block->end();
    if (m_checking == HeapChecking::CanariesAndPoison) {
        uintptr_t poisoned_start = free_block->payload() + HEAP_LINKS_SIZE;
        TRY(check_poison(libk::max(place.start, poisoned_start),
                         libk::min(place.start + block_size, free_end - HEAP_TAG_SIZE)));
    }
    remove_free(free_block);
    if (place.start > free_block->start()) {
        size_t lead = place.start - free_block->start();
        insert_free(Block::write(free_block->start(), lead, HEAP_FREE_MAGIC, 0));
    }
    Block* block = Block::write(place.start, free_end - place.start, HEAP_USED_MAGIC, requested);
    split_tail(block, block_size);

    m_bytes_free -= block->size;
    m_bytes_in_use += requested;
    m_blocks_in_use += 1;
    if (m_checking == HeapChecking::CanariesAndPoison)
        fill_slack(block);
    return reinterpret_cast<void*>(block->payload());
}

// Shrinks `block` to `keep` bytes if the rest is big enough to be a free block of its own.
void Heap::split_tail(Block* block, size_t keep) {
    size_t extra = block->size - keep;
    if (extra < HEAP_MINIMUM_BLOCK)
        return;
    Block::write(block->start(), keep, block->magic, block->requested);
    insert_free(Block::write(block->start() + keep, extra, HEAP_FREE_MAGIC, 0));
}

libk::ErrorOr<void> Heap::free(void* pointer) {
    if (pointer == nullptr)
        return {};
    uintptr_t payload = reinterpret_cast<uintptr_t>(pointer);
    if (payload < m_base + HEAP_TAG_SIZE || payload >= m_break || payload % HEAP_TAG_SIZE != 0)
        return report(libk::Error::NotAllocated, "pointer is not a heap block", payload);
    Block* block = Block::of_payload(payload);
    if (!is_intact(block) || block->is_free())
        return diagnose_bad_free(payload);
    if (m_checking == HeapChecking::CanariesAndPoison)
        TRY(check_slack(block));
    TRY(check_neighbours(block));

    m_bytes_in_use -= block->requested;
    m_blocks_in_use -= 1;
    m_bytes_free += block->size;
    Block::write(block->start(), block->size, HEAP_FREE_MAGIC, 0);
    if (m_checking == HeapChecking::CanariesAndPoison)
        poison_free_block(block);
    insert_free(merge_with_neighbours(block));
    release_free_top();
    return {};
}

// When the top block is free, ends the heap at the first step boundary above the block's start
// that leaves it a whole free block (or right at its start when that is a boundary), but never
// below one step; the pages above go back to the backing.
void Heap::release_free_top() {
    if (m_break - m_base <= GROWTH_STEP)
        return;
    auto* footer = reinterpret_cast<const HeapFooter*>(m_break - HEAP_TAG_SIZE);
    Block* top = Block::at(m_break - footer->size);
    if (!top->is_free())
        return;
    size_t used = top->start() - m_base;
    size_t keep =
        used % GROWTH_STEP == 0 ? used : libk::align_up(used + HEAP_MINIMUM_BLOCK, GROWTH_STEP);
    keep = libk::max(keep, GROWTH_STEP);
    uintptr_t new_break = m_base + keep;
    if (new_break >= m_break)
        return;
    remove_free(top);
    if (new_break > top->start())
        insert_free(Block::write(top->start(), new_break - top->start(), HEAP_FREE_MAGIC, 0));
    m_bytes_free -= m_break - new_break;
    m_backing.release(new_break, m_break - new_break);
    m_break = new_break;
}

// Merges the free `block` (not on the free list) with free neighbours on either side; returns
// the merged block. The neighbours' tags must have been checked (check_neighbours).
Heap::Block* Heap::merge_with_neighbours(Block* block) {
    Block* next = next_block(block);
    if (next != nullptr && next->is_free()) {
        remove_free(next);
        uintptr_t seam = next->start();
        Block::write(block->start(), block->size + next->size, HEAP_FREE_MAGIC, 0);
        if (m_checking == HeapChecking::CanariesAndPoison)
            poison(seam - HEAP_TAG_SIZE, seam + HEAP_TAG_SIZE + HEAP_LINKS_SIZE);
    }
    Block* previous = previous_block(block);
    if (previous != nullptr && previous->is_free()) {
        remove_free(previous);
        uintptr_t seam = block->start();
        block = Block::write(previous->start(), previous->size + block->size, HEAP_FREE_MAGIC, 0);
        if (m_checking == HeapChecking::CanariesAndPoison)
            poison(seam - HEAP_TAG_SIZE, seam + HEAP_TAG_SIZE + HEAP_LINKS_SIZE);
    }
    return block;
}

Heap::Block* Heap::next_block(Block* block) const {
    return block->end() == m_break ? nullptr : Block::at(block->end());
}

// The previous block's footer sits right before this block's header.
Heap::Block* Heap::previous_block(Block* block) const {
    if (block->start() == m_base)
        return nullptr;
    auto* footer = reinterpret_cast<const HeapFooter*>(block->start() - HEAP_TAG_SIZE);
    return Block::at(block->start() - footer->size);
}

void Heap::insert_free(Block* block) {
    block->links() = {m_free_list, nullptr};
    if (m_free_list != nullptr)
        m_free_list->links().previous = block;
    m_free_list = block;
}

void Heap::remove_free(Block* block) {
    Block::Links& links = block->links();
    if (links.previous != nullptr)
        links.previous->links().next = links.next;
    else
        m_free_list = links.next;
    if (links.next != nullptr)
        links.next->links().previous = links.previous;
}

HeapStatistics Heap::statistics() const {
    return {m_bytes_in_use, m_blocks_in_use, m_bytes_free, m_break - m_base};
}

} // namespace memory
