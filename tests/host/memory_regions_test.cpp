// MemoryRegions: where thread stacks and shared-memory mappings go in a process's address space.
#include "kernel/proc/memory_regions.h"
#include <gtest/gtest.h>

namespace {

constexpr uintptr_t START = 0x40000000;
constexpr uintptr_t END = 0x40100000; // a 1 MiB area, for the tests
constexpr uintptr_t PAGE = 0x1000;

MemoryRegion stack_at(uintptr_t start, uintptr_t size) {
    return MemoryRegion{start, start + size, RegionKind::ThreadStack, true, nullptr, 0};
}

} // namespace

TEST(MemoryRegions, FindsRoomFromTheBottomBetweenRegions) {
    MemoryRegions regions(START, END);
    EXPECT_EQ(regions.find_room(4 * PAGE).value(), START);
    ASSERT_FALSE(regions.insert(stack_at(START, 4 * PAGE)).is_error());
    ASSERT_FALSE(regions.insert(stack_at(START + 6 * PAGE, 4 * PAGE)).is_error());
    EXPECT_EQ(regions.find_room(2 * PAGE).value(), START + 4 * PAGE);  // the gap fits
    EXPECT_EQ(regions.find_room(3 * PAGE).value(), START + 10 * PAGE); // it does not
    EXPECT_TRUE(regions.find_room(END - START).is_error());
    EXPECT_TRUE(regions.find_room(0).is_error());
}

TEST(MemoryRegions, KeepsRegionsSortedAndApart) {
    MemoryRegions regions(START, END);
    ASSERT_FALSE(regions.insert(stack_at(START + 8 * PAGE, PAGE)).is_error());
    ASSERT_FALSE(regions.insert(stack_at(START, PAGE)).is_error());
    ASSERT_FALSE(regions.insert(stack_at(START + 4 * PAGE, PAGE)).is_error());
    ASSERT_EQ(regions.count(), 3u);
    EXPECT_EQ(regions.at(0).start, START);
    EXPECT_EQ(regions.at(1).start, START + 4 * PAGE);
    EXPECT_EQ(regions.at(2).start, START + 8 * PAGE);
    // Overlaps and places outside the area are refused.
    EXPECT_EQ(regions.insert(stack_at(START + 4 * PAGE, PAGE)).error(), libk::Error::BadAddress);
    EXPECT_EQ(regions.insert(stack_at(START + 3 * PAGE, 2 * PAGE)).error(),
              libk::Error::BadAddress);
    EXPECT_EQ(regions.insert(stack_at(START - PAGE, PAGE)).error(), libk::Error::BadAddress);
    EXPECT_EQ(regions.insert(stack_at(END - PAGE, 2 * PAGE)).error(), libk::Error::BadAddress);
    EXPECT_FALSE(regions.is_free(START + 8 * PAGE, START + 9 * PAGE));
    EXPECT_TRUE(regions.is_free(START + 9 * PAGE, START + 10 * PAGE));
}

TEST(MemoryRegions, FindsAndRemovesByAddress) {
    MemoryRegions regions(START, END);
    ASSERT_FALSE(regions.insert(stack_at(START, 2 * PAGE)).is_error());
    ASSERT_FALSE(regions.insert(stack_at(START + 2 * PAGE, 2 * PAGE)).is_error());
    EXPECT_EQ(regions.find(START + PAGE + 5), 0);
    EXPECT_EQ(regions.find(START + 2 * PAGE), 1);
    EXPECT_EQ(regions.find(START + 4 * PAGE), -1);
    MemoryRegion removed = regions.remove_at(0);
    EXPECT_EQ(removed.start, START);
    EXPECT_EQ(regions.count(), 1u);
    EXPECT_EQ(regions.find(START + PAGE), -1);
    EXPECT_EQ(regions.find_room(2 * PAGE).value(), START);
}

TEST(MemoryRegions, HasAFixedCapacity) {
    MemoryRegions regions(START, START + (MemoryRegions::CAPACITY + 1) * PAGE);
    for (size_t index = 0; index < MemoryRegions::CAPACITY; ++index)
        ASSERT_FALSE(regions.insert(stack_at(START + index * PAGE, PAGE)).is_error());
    EXPECT_TRUE(regions.is_full());
    uintptr_t last = START + MemoryRegions::CAPACITY * PAGE;
    EXPECT_EQ(regions.insert(stack_at(last, PAGE)).error(), libk::Error::OutOfMemory);
}
