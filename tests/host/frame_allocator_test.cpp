// Host tests of the physical frame allocator and the physical range helpers, over a memory map
// made up for each test (the allocator never touches the memory it manages).
#include "kernel/memory/frame_allocator.h"
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <vector>

using memory::FRAME_SIZE;
using memory::FrameAllocator;
using memory::PhysicalAddress;
using memory::PhysicalRange;

namespace {

constexpr uint64_t MiB = 1024 * 1024;

// An allocator together with the storage it keeps its bookkeeping in.
struct TestAllocator {
    std::vector<uint32_t> storage;
    FrameAllocator frames;

    TestAllocator(std::vector<PhysicalRange> usable, std::vector<PhysicalRange> reserved,
                  uint64_t ceiling = UINT64_MAX) {
        uint32_t limit = FrameAllocator::frame_limit({usable.data(), usable.size()}, ceiling);
        size_t bytes = FrameAllocator::storage_bytes(limit);
        storage.resize(bytes / sizeof(uint32_t) + 1);
        auto result =
            frames.initialize({usable.data(), usable.size()}, {reserved.data(), reserved.size()},
                              limit, storage.data(), bytes);
        EXPECT_FALSE(result.is_error());
    }

    std::vector<PhysicalAddress> allocate_all() {
        std::vector<PhysicalAddress> all;
        for (;;) {
            auto frame = frames.allocate();
            if (frame.is_error()) {
                EXPECT_EQ(frame.error(), libk::Error::OutOfMemory);
                return all;
            }
            all.push_back(frame.value());
        }
    }
};

TEST(FrameAllocator, CountsOnlyWholeUsableFrames) {
    // 0x800 .. 0x5800 holds whole frames 0x1000 .. 0x5000 only.
    TestAllocator test({{0x800, 0x5800}}, {});
    EXPECT_EQ(test.frames.total_frames(), 4u);
    EXPECT_EQ(test.frames.free_frames(), 4u);
    std::vector<PhysicalAddress> all = test.allocate_all();
    EXPECT_EQ(all, (std::vector<PhysicalAddress>{0x1000, 0x2000, 0x3000, 0x4000}));
}

TEST(FrameAllocator, NeverHandsOutReservedFrames) {
    // Usable 1 MiB .. 8 MiB; a kernel image, a module ending inside a frame, boot information
    // that straddles a frame boundary, and a reserved range that covers a usable one.
    std::vector<PhysicalRange> reserved = {
        {1 * MiB, 1 * MiB + 0x23000},        // kernel image
        {3 * MiB + 0x10, 3 * MiB + 0x2001},  // module: touches three frames
        {5 * MiB + 0xF80, 5 * MiB + 0x1040}, // boot information across a frame boundary
        {7 * MiB, 9 * MiB},                  // reserved wins over usable
    };
    TestAllocator test({{1 * MiB, 8 * MiB}}, reserved);
    uint32_t expected = (7 * MiB - 1 * MiB) / FRAME_SIZE - 0x23 - 3 - 2;
    EXPECT_EQ(test.frames.total_frames(), expected);
    std::vector<PhysicalAddress> all = test.allocate_all();
    EXPECT_EQ(all.size(), expected);
    for (PhysicalAddress frame : all) {
        PhysicalRange frame_range{frame, frame + FRAME_SIZE};
        for (const PhysicalRange& range : reserved)
            EXPECT_FALSE(frame_range.overlaps(range)) << std::hex << frame;
        EXPECT_EQ(frame % FRAME_SIZE, 0u);
    }
}

TEST(FrameAllocator, ExhaustionIsAnErrorAndRecovers) {
    TestAllocator test({{0, 16 * FRAME_SIZE}}, {});
    std::vector<PhysicalAddress> all = test.allocate_all();
    EXPECT_EQ(all.size(), 16u);
    EXPECT_EQ(test.frames.free_frames(), 0u);
    EXPECT_TRUE(test.frames.allocate().is_error());
    EXPECT_FALSE(test.frames.free(all[5]).is_error());
    EXPECT_EQ(test.frames.free_frames(), 1u);
    auto again = test.frames.allocate();
    ASSERT_FALSE(again.is_error());
    EXPECT_EQ(again.value(), all[5]);
}

TEST(FrameAllocator, DetectsDoubleFree) {
    TestAllocator test({{0, 8 * FRAME_SIZE}}, {});
    auto frame = test.frames.allocate();
    ASSERT_FALSE(frame.is_error());
    EXPECT_TRUE(test.frames.is_allocated(frame.value()));
    EXPECT_FALSE(test.frames.free(frame.value()).is_error());
    EXPECT_FALSE(test.frames.is_allocated(frame.value()));
    auto second = test.frames.free(frame.value());
    ASSERT_TRUE(second.is_error());
    EXPECT_EQ(second.error(), libk::Error::DoubleFree);
    EXPECT_EQ(test.frames.free_frames(), 8u);
}

TEST(FrameAllocator, RefusesFramesItNeverManaged) {
    TestAllocator test({{0x10000, 0x20000}}, {{0x14000, 0x15000}});
    // Below the usable range, reserved, beyond the end of memory, and not frame-aligned.
    EXPECT_EQ(test.frames.free(0x1000).error(), libk::Error::NotAllocated);
    EXPECT_EQ(test.frames.free(0x14000).error(), libk::Error::NotAllocated);
    EXPECT_EQ(test.frames.free(0x80000).error(), libk::Error::NotAllocated);
    EXPECT_EQ(test.frames.free(0xFFFFF000).error(), libk::Error::NotAllocated);
    EXPECT_EQ(test.frames.free(0x10010).error(), libk::Error::InvalidArgument);
    // A managed frame that was never allocated is free: freeing it is a double free.
    EXPECT_EQ(test.frames.free(0x11000).error(), libk::Error::DoubleFree);
    EXPECT_EQ(test.frames.free_frames(), 15u);
}

TEST(FrameAllocator, FragmentedMemoryIsReusedExactly) {
    TestAllocator test({{0, 64 * FRAME_SIZE}, {128 * FRAME_SIZE, 192 * FRAME_SIZE}}, {});
    std::vector<PhysicalAddress> all = test.allocate_all();
    ASSERT_EQ(all.size(), 128u);
    // Free every third frame: the free memory is now scattered.
    std::set<PhysicalAddress> freed;
    for (size_t i = 0; i < all.size(); i += 3) {
        EXPECT_FALSE(test.frames.free(all[i]).is_error());
        freed.insert(all[i]);
    }
    EXPECT_EQ(test.frames.free_frames(), freed.size());
    std::vector<PhysicalAddress> again = test.allocate_all();
    EXPECT_EQ(std::set<PhysicalAddress>(again.begin(), again.end()), freed);
    EXPECT_EQ(again.size(), freed.size()); // no frame handed out twice
}

TEST(FrameAllocator, RandomSequenceMatchesAModel) {
    TestAllocator test({{0x3000, 0x83000}, {0x100000, 0x140000}}, {{0x20000, 0x30000}});
    const uint32_t total = test.frames.total_frames();
    std::mt19937 random(1234);
    std::set<PhysicalAddress> allocated;
    for (int step = 0; step < 20000; ++step) {
        if (random() % 2 == 0) {
            auto frame = test.frames.allocate();
            if (allocated.size() == total) {
                EXPECT_TRUE(frame.is_error());
                continue;
            }
            ASSERT_FALSE(frame.is_error());
            EXPECT_TRUE(allocated.insert(frame.value()).second) << "handed out twice";
        } else if (!allocated.empty()) {
            auto victim = allocated.begin();
            std::advance(victim, random() % allocated.size());
            EXPECT_FALSE(test.frames.free(*victim).is_error());
            allocated.erase(victim);
        }
        ASSERT_EQ(test.frames.free_frames(), total - allocated.size());
    }
}

TEST(FrameAllocator, CeilingLeavesHighMemoryOut) {
    TestAllocator test({{0, 64 * MiB}}, {}, 16 * MiB);
    EXPECT_EQ(test.frames.total_frames(), 16 * MiB / FRAME_SIZE);
    EXPECT_EQ(test.frames.free(32 * MiB).error(), libk::Error::NotAllocated);
}

TEST(FrameAllocator, HighestFrameBelowFourGiB) {
    // A range ending at exactly 4 GiB: the last frame's address still fits in 32 bits.
    TestAllocator test({{0xFFFF0000, 0x100000000}}, {});
    std::vector<PhysicalAddress> all = test.allocate_all();
    ASSERT_EQ(all.size(), 16u);
    EXPECT_EQ(all.back(), 0xFFFFF000u);
    EXPECT_FALSE(test.frames.free(0xFFFFF000).is_error());
}

TEST(FrameAllocator, RejectsTooSmallStorage) {
    PhysicalRange usable[] = {{0, 1 * MiB}};
    uint32_t limit = FrameAllocator::frame_limit(usable, UINT64_MAX);
    std::vector<uint8_t> storage(FrameAllocator::storage_bytes(limit) - 1);
    FrameAllocator frames;
    auto result = frames.initialize(usable, {}, limit, storage.data(), storage.size());
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error(), libk::Error::InvalidArgument);
}

TEST(PhysicalRange, PlacementAvoidsReservedRanges) {
    PhysicalRange usable[] = {{0x500, 0x3000}, {1 * MiB, 4 * MiB}};
    PhysicalRange reserved[] = {{1 * MiB, 1 * MiB + 0x1800}, {1 * MiB + 0x4000, 1 * MiB + 0x5000}};
    // The first range is too small; in the second, the gap after the first reserved range
    // (0x102000 .. 0x104000) is too small for 0x3000 bytes, so the placement goes after both.
    auto place = memory::find_free_placement(usable, reserved, 0x2001, 8 * MiB);
    ASSERT_FALSE(place.is_error());
    EXPECT_EQ(place.value(), 1 * MiB + 0x5000);
    auto small = memory::find_free_placement(usable, reserved, 0x1000, 8 * MiB);
    ASSERT_FALSE(small.is_error());
    EXPECT_EQ(small.value(), 0x1000u);
    auto too_big = memory::find_free_placement(usable, reserved, 3 * MiB, 8 * MiB);
    EXPECT_TRUE(too_big.is_error());
    auto below_limit = memory::find_free_placement(usable, reserved, 0x3000, 1 * MiB + 0x6000);
    EXPECT_TRUE(below_limit.is_error());
}

} // namespace
