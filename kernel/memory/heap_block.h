// The layout of one heap block, shared by heap.cpp (allocation) and heap_checks.cpp (integrity).
//
//   header (16 bytes) | payload (multiple of 16 bytes) | footer (16 bytes)
//
// A free block keeps its free-list links at the start of its payload. Blocks start 16-aligned,
// so payloads are 16-aligned too.
#pragma once

#include "kernel/memory/heap.h"

namespace memory {

constexpr uint32_t HEAP_USED_MAGIC = 0x55534544; // "USED"
constexpr uint32_t HEAP_FREE_MAGIC = 0x46524545; // "FREE"
constexpr uint32_t HEAP_GUARD = 0xCA11AB1E;      // a fixed canary in every header and footer
constexpr uint8_t HEAP_POISON_BYTE = 0xDE;       // fills freed memory
constexpr uint8_t HEAP_SLACK_BYTE = 0xFD;        // fills the bytes after a request

constexpr size_t HEAP_TAG_SIZE = 16;   // header and footer each
constexpr size_t HEAP_LINKS_SIZE = 16; // free-list links at the start of a free payload
constexpr size_t HEAP_MINIMUM_BLOCK = 2 * HEAP_TAG_SIZE + HEAP_LINKS_SIZE;

struct HeapFooter {
    uint32_t size;
    uint32_t magic;
    uint32_t guard;
    uint32_t unused;
};

struct Heap::Block {
    uint32_t size;      // the whole block, header and footer included
    uint32_t requested; // bytes the caller asked for; 0 in a free block
    uint32_t magic;     // HEAP_USED_MAGIC or HEAP_FREE_MAGIC
    uint32_t guard;     // HEAP_GUARD

    struct Links {
        Block* next;
        Block* previous;
    };

    static Block* at(uintptr_t address) { return reinterpret_cast<Block*>(address); }
    static Block* of_payload(uintptr_t payload) { return at(payload - HEAP_TAG_SIZE); }

    uintptr_t start() const { return reinterpret_cast<uintptr_t>(this); }
    uintptr_t end() const { return start() + size; }
    uintptr_t payload() const { return start() + HEAP_TAG_SIZE; }
    size_t capacity() const { return size - 2 * HEAP_TAG_SIZE; }
    bool is_free() const { return magic == HEAP_FREE_MAGIC; }
    HeapFooter* footer() const { return reinterpret_cast<HeapFooter*>(end() - HEAP_TAG_SIZE); }
    Links& links() { return *reinterpret_cast<Links*>(payload()); }

    // Writes the header and footer of a block of `size` bytes at `address`.
    static Block* write(uintptr_t address, size_t size, uint32_t magic, size_t requested) {
        Block* block = at(address);
        block->size = static_cast<uint32_t>(size);
        block->requested = static_cast<uint32_t>(requested);
        block->magic = magic;
        block->guard = HEAP_GUARD;
        *block->footer() = {static_cast<uint32_t>(size), magic, HEAP_GUARD, 0};
        return block;
    }
};

static_assert(sizeof(Heap::Block) == HEAP_TAG_SIZE);
static_assert(sizeof(HeapFooter) == HEAP_TAG_SIZE);
static_assert(sizeof(Heap::Block::Links) <= HEAP_LINKS_SIZE);

} // namespace memory
