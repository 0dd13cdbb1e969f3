// Host tests of the kernel heap over an mmap'ed arena. Pages of the arena stay inaccessible until
// the heap asks its backing for them, so touching memory it was never given crashes the test.
#include "kernel/memory/heap.h"
#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <sys/mman.h>
#include <vector>

using libk::Error;
using memory::Heap;
using memory::HeapChecking;

namespace {

constexpr size_t PAGE = 4096;

class ArenaBacking : public memory::HeapBacking {
public:
    explicit ArenaBacking(size_t capacity) : m_capacity(capacity) {
        void* arena = mmap(nullptr, capacity, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        EXPECT_NE(arena, MAP_FAILED);
        m_base = reinterpret_cast<uintptr_t>(arena);
    }
    ~ArenaBacking() { munmap(reinterpret_cast<void*>(m_base), m_capacity); }

    libk::ErrorOr<void> back(uintptr_t address, size_t size) override {
        EXPECT_EQ(address, m_base + m_backed) << "growth must continue where it ended";
        EXPECT_EQ(size % PAGE, 0u);
        if (m_backed + size > m_memory_available)
            return Error::OutOfMemory;
        EXPECT_EQ(mprotect(reinterpret_cast<void*>(address), size, PROT_READ | PROT_WRITE), 0);
        m_backed += size;
        return {};
    }

    uintptr_t base() const { return m_base; }
    void release(uintptr_t address, size_t size) override {
        EXPECT_EQ(address + size, m_base + m_backed) << "only the end of the heap is released";
        EXPECT_EQ(size % PAGE, 0u);
        EXPECT_EQ(mprotect(reinterpret_cast<void*>(address), size, PROT_NONE), 0);
        m_backed -= size;
    }

    size_t backed() const { return m_backed; }
    // Simulates running out of frames: no more than this is ever backed.
    void limit_memory(size_t bytes) { m_memory_available = bytes; }

private:
    uintptr_t m_base = 0;
    size_t m_capacity;
    size_t m_backed = 0;
    size_t m_memory_available = SIZE_MAX;
};

struct TestHeap {
    ArenaBacking backing;
    Heap heap;
    TestHeap(size_t capacity, HeapChecking checking)
        : backing(capacity), heap(backing.base(), capacity, backing, checking) {}

    void* allocate(size_t size, size_t alignment = Heap::MINIMUM_ALIGNMENT) {
        auto result = heap.allocate(size, alignment);
        EXPECT_FALSE(result.is_error()) << heap.last_problem().description;
        return result.is_error() ? nullptr : result.value();
    }
    void free(void* pointer) {
        auto result = heap.free(pointer);
        EXPECT_FALSE(result.is_error()) << heap.last_problem().description;
    }
    void expect_consistent() {
        auto result = heap.check_all();
        EXPECT_FALSE(result.is_error()) << heap.last_problem().description;
    }
};

class HeapTest : public testing::TestWithParam<HeapChecking> {};

TEST_P(HeapTest, AllocatesWritableMemoryAndTakesItBack) {
    TestHeap test(1 << 20, GetParam());
    EXPECT_EQ(test.backing.backed(), 0u); // nothing backed before the first request
    auto* bytes = static_cast<uint8_t*>(test.allocate(100));
    ASSERT_NE(bytes, nullptr);
    for (int i = 0; i < 100; ++i)
        bytes[i] = static_cast<uint8_t>(i);
    EXPECT_EQ(test.heap.statistics().bytes_in_use, 100u);
    EXPECT_EQ(test.heap.statistics().blocks_in_use, 1u);
    test.expect_consistent();
    test.free(bytes);
    EXPECT_EQ(test.heap.statistics().bytes_in_use, 0u);
    EXPECT_EQ(test.heap.statistics().blocks_in_use, 0u);
    EXPECT_EQ(test.heap.statistics().bytes_free, test.heap.statistics().heap_size);
    test.expect_consistent();
}

TEST_P(HeapTest, ZeroSizedRequestsGetDistinctPointers) {
    TestHeap test(1 << 20, GetParam());
    void* first = test.allocate(0);
    void* second = test.allocate(0);
    EXPECT_NE(first, nullptr);
    EXPECT_NE(first, second);
    test.free(first);
    test.free(second);
    EXPECT_FALSE(test.heap.free(nullptr).is_error());
}

TEST_P(HeapTest, HonoursAlignment) {
    TestHeap test(4 << 20, GetParam());
    std::vector<void*> blocks;
    for (size_t alignment = 1; alignment <= 8192; alignment *= 2) {
        for (size_t size : {1u, 24u, 100u, 5000u}) {
            void* pointer = test.allocate(size, alignment);
            ASSERT_NE(pointer, nullptr);
            EXPECT_EQ(reinterpret_cast<uintptr_t>(pointer) % std::max<size_t>(alignment, 16), 0u)
                << "alignment " << alignment;
            blocks.push_back(pointer);
        }
    }
    test.expect_consistent();
    for (void* pointer : blocks)
        test.free(pointer);
    test.expect_consistent();
    auto bad = test.heap.allocate(64, 48);
    ASSERT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error(), Error::InvalidArgument);
}

TEST_P(HeapTest, FreedNeighboursMergeIntoOneBlock) {
    TestHeap test(1 << 20, GetParam());
    void* a = test.allocate(200);
    void* b = test.allocate(300);
    void* c = test.allocate(400);
    size_t heap_size = test.heap.statistics().heap_size;
    // Free the outer two first, then the middle one: it must merge with both sides.
    test.free(a);
    test.free(c);
    test.free(b);
    test.expect_consistent();
    EXPECT_EQ(test.heap.statistics().bytes_free, heap_size);
    // One free block spans the whole heap again: a request for all of it (minus the tags) fits
    // without growing.
    void* everything = test.allocate(heap_size - 32);
    EXPECT_EQ(test.heap.statistics().heap_size, heap_size);
    EXPECT_EQ(everything, a);
    test.free(everything);
}

TEST_P(HeapTest, GrowsOnDemandAndReportsExhaustion) {
    TestHeap test(1 << 20, GetParam());
    test.backing.limit_memory(256 * 1024);
    void* big = test.allocate(200 * 1024);
    EXPECT_GE(test.heap.statistics().heap_size, 200u * 1024);
    auto too_much = test.heap.allocate(100 * 1024);
    ASSERT_TRUE(too_much.is_error());
    EXPECT_EQ(too_much.error(), Error::OutOfMemory);
    auto larger_than_heap = test.heap.allocate(2 << 20);
    ASSERT_TRUE(larger_than_heap.is_error());
    EXPECT_EQ(larger_than_heap.error(), Error::OutOfMemory);
    test.expect_consistent();
    test.free(big);
    void* fits_now = test.allocate(100 * 1024); // the failure left the heap usable
    test.free(fits_now);
    test.expect_consistent();
}

// Random allocations and frees, checked against a model of what must be live: no two blocks
// overlap, contents survive, and the statistics match.
TEST_P(HeapTest, RandomSequenceMatchesAModel) {
    TestHeap test(8 << 20, GetParam());
    struct Live {
        size_t size;
        uint8_t fill;
    };
    std::map<uintptr_t, Live> live;
    std::mt19937 random(42);
    size_t bytes_in_use = 0;
    for (int step = 0; step < 20000; ++step) {
        if (live.empty() || random() % 100 < 55) {
            size_t size = random() % 8 == 0 ? random() % 20000 : random() % 300;
            size_t alignment = size_t{1} << (random() % 10);
            auto* bytes = static_cast<uint8_t*>(test.allocate(size, alignment));
            ASSERT_NE(bytes, nullptr);
            auto address = reinterpret_cast<uintptr_t>(bytes);
            ASSERT_EQ(address % std::max<size_t>(alignment, 16), 0u);
            auto after = live.lower_bound(address);
            if (after != live.end()) {
                ASSERT_LE(address + size, after->first) << "overlaps the next block";
            }
            if (after != live.begin()) {
                ASSERT_LE(std::prev(after)->first + std::prev(after)->second.size, address);
            }
            uint8_t fill = static_cast<uint8_t>(random());
            memset(bytes, fill, size);
            live[address] = {size, fill};
            bytes_in_use += size;
        } else {
            auto victim = live.begin();
            std::advance(victim, random() % live.size());
            auto* bytes = reinterpret_cast<uint8_t*>(victim->first);
            for (size_t i = 0; i < victim->second.size; ++i)
                ASSERT_EQ(bytes[i], victim->second.fill) << "block contents changed";
            bytes_in_use -= victim->second.size;
            test.free(bytes);
            live.erase(victim);
        }
        ASSERT_EQ(test.heap.statistics().bytes_in_use, bytes_in_use);
        ASSERT_EQ(test.heap.statistics().blocks_in_use, live.size());
        if (step % 1000 == 0)
            test.expect_consistent();
    }
    for (auto& [address, block] : live)
        test.free(reinterpret_cast<void*>(address));
    test.expect_consistent();
    EXPECT_EQ(test.heap.statistics().bytes_free, test.heap.statistics().heap_size);
}

// A burst of allocations grows the heap; once they are freed, the heap is the size it was before
// and the backing has every page back, whatever the order of the frees.
TEST_P(HeapTest, GivesBackWhatABurstGrew) {
    TestHeap test(8 << 20, GetParam());
    void* resident = test.allocate(5000);
    size_t heap_size = test.heap.statistics().heap_size;
    size_t backed = test.backing.backed();
    std::vector<void*> burst;
    for (int i = 0; i < 400; ++i)
        burst.push_back(test.allocate(7000 + i));
    EXPECT_GT(test.backing.backed(), backed + 2 * 1024 * 1024);
    std::mt19937 random(7);
    std::shuffle(burst.begin(), burst.end(), random);
    for (void* pointer : burst)
        test.free(pointer);
    test.expect_consistent();
    EXPECT_EQ(test.heap.statistics().heap_size, heap_size);
    EXPECT_EQ(test.backing.backed(), backed);
    // A block in use at the top keeps the heap from shrinking below it.
    void* low = test.allocate(100);
    void* high = test.allocate(300 * 1024);
    test.free(low);
    EXPECT_GE(test.heap.statistics().heap_size, 300u * 1024);
    test.free(high);
    test.free(resident);
    EXPECT_EQ(test.heap.statistics().heap_size, memory::Heap::GROWTH_STEP);
    test.expect_consistent();
}

TEST_P(HeapTest, DetectsDoubleFree) {
    TestHeap test(1 << 20, GetParam());
    void* a = test.allocate(64);
    void* b = test.allocate(64);
    test.free(a);
    auto again = test.heap.free(a);
    ASSERT_TRUE(again.is_error());
    EXPECT_EQ(again.error(), Error::DoubleFree);
    // After b is freed it merges with a's block; a's old header is now inside free memory.
    test.free(b);
    EXPECT_EQ(test.heap.free(b).error(), Error::DoubleFree);
    EXPECT_EQ(test.heap.free(a).error(), Error::DoubleFree);
    test.expect_consistent();
}

TEST_P(HeapTest, RefusesPointersItNeverHandedOut) {
    TestHeap test(1 << 20, GetParam());
    auto* block = static_cast<uint8_t*>(test.allocate(256));
    int outside = 0;
    EXPECT_EQ(test.heap.free(&outside).error(), Error::NotAllocated);
    EXPECT_EQ(test.heap.free(block + 8).error(), Error::NotAllocated);   // not 16-aligned
    EXPECT_EQ(test.heap.free(block + 64).error(), Error::HeapCorrupted); // inside a block
    test.free(block);
}

TEST_P(HeapTest, DetectsAnOverflowIntoTheFooter) {
    TestHeap test(1 << 20, GetParam());
    auto* bytes = static_cast<uint8_t*>(test.allocate(64));
    void* next = test.allocate(64);
    bytes[64] = 0x41; // the payload is exactly 64 bytes: this hits the footer canary
    auto result = test.heap.free(bytes);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error(), Error::HeapCorrupted);
    EXPECT_NE(std::string(test.heap.last_problem().description).find("past the end"),
              std::string::npos);
    EXPECT_TRUE(test.heap.check_all().is_error());
    (void)next;
}

TEST_P(HeapTest, DetectsAnUnderflowIntoTheHeader) {
    TestHeap test(1 << 20, GetParam());
    void* first = test.allocate(64);
    auto* bytes = static_cast<uint8_t*>(test.allocate(64));
    bytes[-4] = 0; // the header's canary word
    EXPECT_EQ(test.heap.free(bytes).error(), Error::HeapCorrupted);
    // Freeing the block before it now finds its neighbour damaged.
    EXPECT_EQ(test.heap.free(first).error(), Error::HeapCorrupted);
}

INSTANTIATE_TEST_SUITE_P(Checking, HeapTest,
                         testing::Values(HeapChecking::Canaries, HeapChecking::CanariesAndPoison),
                         [](const testing::TestParamInfo<HeapChecking>& info) {
                             return info.param == HeapChecking::Canaries ? "Canaries" : "Poison";
                         });

// The checks that only the poisoning mode (debug builds) performs.
TEST(HeapPoison, DetectsASmallOverflowIntoTheSlack) {
    TestHeap test(1 << 20, HeapChecking::CanariesAndPoison);
    auto* bytes = static_cast<uint8_t*>(test.allocate(50)); // capacity 64: 14 bytes of slack
    bytes[50] = 0;
    auto result = test.heap.free(bytes);
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error(), Error::HeapCorrupted);
    EXPECT_EQ(test.heap.last_problem().address, reinterpret_cast<uintptr_t>(bytes + 50));
}

TEST(HeapPoison, DetectsAWriteAfterFree) {
    TestHeap test(1 << 20, HeapChecking::CanariesAndPoison);
    auto* stale = static_cast<uint8_t*>(test.allocate(200));
    void* keep = test.allocate(16); // keeps the freed block from merging into the heap's tail
    test.free(stale);
    stale[100] = 1; // a use after free
    auto check = test.heap.check_all();
    ASSERT_TRUE(check.is_error());
    EXPECT_EQ(test.heap.last_problem().address, reinterpret_cast<uintptr_t>(stale + 100));
    // Reusing that memory reports the damage rather than handing it out.
    auto reuse = test.heap.allocate(200);
    ASSERT_TRUE(reuse.is_error());
    EXPECT_EQ(reuse.error(), Error::HeapCorrupted);
    (void)keep;
}

TEST(HeapPoison, FreedMemoryIsPoisoned) {
    TestHeap test(1 << 20, HeapChecking::CanariesAndPoison);
    auto* bytes = static_cast<uint8_t*>(test.allocate(256));
    void* keep = test.allocate(16);
    memset(bytes, 0x11, 256);
    test.free(bytes);
    // Past the free-list links, every byte now holds the poison pattern.
    for (size_t i = 16; i < 256; ++i)
        ASSERT_EQ(bytes[i], 0xDE) << i;
    test.free(keep);
}

} // namespace
