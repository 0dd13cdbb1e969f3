// The heap's integrity checks (see heap.h): boundary-tag canaries, free-memory poison, the
// bytes after each request, and the full walk check_all() does.
#include "kernel/memory/heap.h"
#include "kernel/memory/heap_block.h"

namespace memory {

libk::Error Heap::report(libk::Error error, const char* description, uintptr_t address) {
    m_problem = {description, address};
    return error;
}

// The header and footer agree, hold known values, and the block lies inside the heap.
bool Heap::is_intact(const Block* block) const {
    uintptr_t start = block->start();
    if (start < m_base || start >= m_break || m_break - start < HEAP_MINIMUM_BLOCK)
        return false;
    if (block->guard != HEAP_GUARD)
        return false;
    if (block->magic != HEAP_USED_MAGIC && block->magic != HEAP_FREE_MAGIC)
        return false;
    if (block->size % HEAP_TAG_SIZE != 0 || block->size < HEAP_MINIMUM_BLOCK ||
        block->size > m_break - start)
        return false;
    if (block->requested > block->capacity())
        return false;
    const HeapFooter* footer = block->footer();
    return footer->size == block->size && footer->magic == block->magic &&
           footer->guard == HEAP_GUARD;
}

libk::ErrorOr<void> Heap::check_neighbours(Block* block) {
    if (block->start() != m_base) {
        auto* footer = reinterpret_cast<const HeapFooter*>(block->start() - HEAP_TAG_SIZE);
        bool size_fits = footer->size >= HEAP_MINIMUM_BLOCK && footer->size % HEAP_TAG_SIZE == 0 &&
                         footer->size <= block->start() - m_base;
        if (!size_fits || !is_intact(previous_block(block)))
            return report(libk::Error::HeapCorrupted,
                          "the block before this one is damaged (its end was overwritten)",
                          block->start() - HEAP_TAG_SIZE);
    }
    Block* next = next_block(block);
    if (next != nullptr && !is_intact(next))
        return report(libk::Error::HeapCorrupted,
                      "the block after this one is damaged (overflow past this block's end)",
                      next->start());
    return {};
}

// Freeing a block whose tags are wrong: a double free if the address lies in free memory,
// otherwise damaged tags (an overflow, or a pointer that never came from allocate()).
libk::Error Heap::diagnose_bad_free(uintptr_t payload) {
    Block* block = Block::of_payload(payload);
    for (Block* free = m_free_list; free != nullptr; free = free->links().next) {
        if (block->start() >= free->start() && block->start() < free->end())
            return report(libk::Error::DoubleFree, "block freed twice", payload);
    }
    if (block->guard == HEAP_GUARD && block->magic == HEAP_USED_MAGIC)
        return report(libk::Error::HeapCorrupted,
                      "block footer overwritten (a write past the end of the block)", payload);
    return report(libk::Error::HeapCorrupted,
                  "block header damaged (memory before it was overwritten, or not a pointer "
                  "from the heap)",
                  payload);
}

void Heap::poison(uintptr_t from, uintptr_t to) {
    if (to > from)
        __builtin_memset(reinterpret_cast<void*>(from), HEAP_POISON_BYTE, to - from);
}

libk::ErrorOr<void> Heap::check_poison(uintptr_t from, uintptr_t to) {
    for (uintptr_t address = from; address < to; ++address) {
        if (*reinterpret_cast<const uint8_t*>(address) != HEAP_POISON_BYTE)
            return report(libk::Error::HeapCorrupted, "freed memory was written after the free",
                          address);
    }
    return {};
}

// Everything of a free block's payload but the free-list links.
void Heap::poison_free_block(Block* block) {
    poison(block->payload() + HEAP_LINKS_SIZE, block->end() - HEAP_TAG_SIZE);
}

void Heap::fill_slack(Block* block) {
    uintptr_t from = block->payload() + block->requested;
    uintptr_t to = block->payload() + block->capacity();
    if (to > from)
        __builtin_memset(reinterpret_cast<void*>(from), HEAP_SLACK_BYTE, to - from);
}

libk::ErrorOr<void> Heap::check_slack(Block* block) {
    uintptr_t to = block->payload() + block->capacity();
    for (uintptr_t address = block->payload() + block->requested; address < to; ++address) {
        if (*reinterpret_cast<const uint8_t*>(address) != HEAP_SLACK_BYTE)
            return report(libk::Error::HeapCorrupted,
                          "bytes after the requested size were overwritten (buffer overflow)",
                          address);
    }
    return {};
}

libk::ErrorOr<void> Heap::check_free_list(size_t free_blocks) {
    size_t count = 0;
    size_t bytes = 0;
    Block* previous = nullptr;
    for (Block* block = m_free_list; block != nullptr; block = block->links().next) {
        if (!is_intact(block) || !block->is_free() || block->links().previous != previous)
            return report(libk::Error::HeapCorrupted, "free list damaged", block->start());
        previous = block;
        count += 1;
        bytes += block->size;
        if (bytes > m_bytes_free)
            return report(libk::Error::HeapCorrupted, "free list longer than the free memory",
                          block->start());
    }
    if (bytes != m_bytes_free || count != free_blocks)
        return report(libk::Error::HeapCorrupted, "free list misses free blocks", m_base);
    return {};
}

libk::ErrorOr<void> Heap::check_all() {
    bool poisoning = m_checking == HeapChecking::CanariesAndPoison;
    bool previous_was_free = false;
    size_t used_blocks = 0;
    size_t free_blocks = 0;
    for (uintptr_t address = m_base; address < m_break;) {
        Block* block = Block::at(address);
        if (!is_intact(block))
            return report(libk::Error::HeapCorrupted, "block tags damaged", address);
        if (block->is_free() && previous_was_free)
            return report(libk::Error::HeapCorrupted, "two free blocks side by side", address);
        if (block->is_free() && poisoning)
            TRY(check_poison(block->payload() + HEAP_LINKS_SIZE, block->end() - HEAP_TAG_SIZE));
        if (!block->is_free() && poisoning)
            TRY(check_slack(block));
        used_blocks += block->is_free() ? 0 : 1;
        free_blocks += block->is_free() ? 1 : 0;
        previous_was_free = block->is_free();
        address = block->end();
    }
    if (used_blocks != m_blocks_in_use)
        return report(libk::Error::HeapCorrupted, "block count does not match", m_base);
    return check_free_list(free_blocks);
}

} // namespace memory
