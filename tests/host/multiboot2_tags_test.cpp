// Host tests of the Multiboot2 parser, tag by tag: each validation rule is broken once, and the
// parser must report it and leave the broken data out. Ends with a mutation test that flips bytes
// of a good block: under AddressSanitizer it proves no input makes the parser read outside it.
#include "kernel/boot_info/multiboot2.h"
#include "tests/host/multiboot2_block.h"
#include <gtest/gtest.h>
#include <random>
#include <string>

using multiboot2::BootInformation;
using namespace multiboot2_test;

namespace {

TEST(Multiboot2Tags, StringWithoutNulInsideItsTagIsIgnored) {
    // "abc" without its NUL: the tag is 11 bytes, and the zero padding after it does not count.
    BlockBuilder builder;
    builder.tag(TAG_COMMAND_LINE, {'a', 'b', 'c'}).tag(TAG_BOOT_LOADER_NAME, {'G'}).end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.command_line, nullptr);
    EXPECT_EQ(information.boot_loader_name, nullptr);
    EXPECT_TRUE(has_problem(information, "command line tag at offset 8"))
        << all_problems(information);
    EXPECT_TRUE(has_problem(information, "boot loader name tag")) << all_problems(information);
}

TEST(Multiboot2Tags, EmptyStringsAreValid) {
    BlockBuilder builder;
    builder.string_tag(TAG_COMMAND_LINE, "").module(0x1000, 0x1000, "").end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, 0u) << all_problems(information);
    EXPECT_STREQ(information.command_line, "");
    ASSERT_EQ(information.module_count, 1u);
    EXPECT_EQ(information.modules[0].size(), 0u); // start == end: an empty module is allowed
}

TEST(Multiboot2Tags, DuplicateTagsKeepTheFirst) {
    BlockBuilder builder;
    builder.string_tag(TAG_COMMAND_LINE, "first")
        .string_tag(TAG_COMMAND_LINE, "second")
        .memory_map({{0, 0x1000, 1}})
        .memory_map({{0, 0x2000, 1}})
        .basic_memory(1, 2)
        .basic_memory(3, 4)
        .end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_STREQ(information.command_line, "first");
    EXPECT_EQ(information.memory_region_count, 1u);
    EXPECT_EQ(information.memory_regions[0].length, 0x1000u);
    EXPECT_EQ(information.lower_memory_kib, 1u);
    EXPECT_TRUE(has_problem(information, "command line tag at offset 24: a second one"))
        << all_problems(information);
    EXPECT_TRUE(has_problem(information, "memory map tag at offset"));
    EXPECT_TRUE(has_problem(information, "basic memory tag at offset"));
    EXPECT_EQ(information.problem_count, 3u);
}

TEST(Multiboot2Tags, ModuleWithStartAfterEndIsIgnored) {
    BlockBuilder builder;
    builder.module(0x2000, 0x1FFF, "backwards").module(0x3000, 0x4000, "good").end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_TRUE(has_problem(information, "\"backwards\": start 0x2000 lies after end 0x1fff"))
        << all_problems(information);
    ASSERT_EQ(information.module_count, 1u);
    EXPECT_STREQ(information.modules[0].command_line, "good");
}

TEST(Multiboot2Tags, ModuleTagTooSmallOrUnterminated) {
    BlockBuilder builder;
    builder
        .tag(TAG_MODULE, {0, 0x10, 0, 0, 0, 0x20, 0, 0})      // no room for a name
        .tag(TAG_MODULE, {0, 0x10, 0, 0, 0, 0x20, 0, 0, 'a'}) // a name without NUL
        .tag(TAG_MODULE, {0, 0x10, 0, 0})                     // not even mod_end
        .end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.module_count, 0u);
    EXPECT_TRUE(has_problem(information, "size 16 is too small")) << all_problems(information);
    EXPECT_TRUE(has_problem(information, "the name has no terminating NUL"));
    EXPECT_TRUE(has_problem(information, "size 12 is too small"));
}

TEST(Multiboot2Tags, TooManyModulesAreCountedAndReported) {
    BlockBuilder builder;
    for (uint32_t index = 0; index < multiboot2::MAXIMUM_MODULES + 3; ++index)
        builder.module(index * 0x1000, index * 0x1000 + 0x10, "m" + std::to_string(index));
    builder.end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.module_count, multiboot2::MAXIMUM_MODULES);
    EXPECT_STREQ(information.modules[multiboot2::MAXIMUM_MODULES - 1].command_line, "m7");
    EXPECT_TRUE(has_problem(information, "3 modules beyond the first 8"))
        << all_problems(information);
}

TEST(Multiboot2Tags, BasicMemoryIsChecked) {
    BlockBuilder small;
    small.tag(TAG_BASIC_MEMORY, {1, 0, 0, 0}).end_tag();
    Block small_block = small.build();
    BootInformation too_small = parse(small_block);
    EXPECT_FALSE(too_small.has_basic_memory);
    EXPECT_TRUE(has_problem(too_small, "basic memory tag at offset 8: size 12"))
        << all_problems(too_small);

    BlockBuilder large;
    large.basic_memory(641, 1024).end_tag();
    Block large_block = large.build();
    BootInformation too_large = parse(large_block);
    EXPECT_FALSE(too_large.has_basic_memory);
    EXPECT_TRUE(has_problem(too_large, "641 KiB")) << all_problems(too_large);

    BlockBuilder edge;
    edge.basic_memory(640, 1024).end_tag();
    Block edge_block = edge.build();
    EXPECT_TRUE(parse(edge_block).has_basic_memory);
}

TEST(Multiboot2Tags, MemoryMapEntrySizeIsChecked) {
    for (uint32_t entry_size : {0u, 8u, 16u, 20u, 25u, 28u}) {
        BlockBuilder builder;
        // Entries of the bad size still fill the tag exactly, so only the size rule is broken.
        builder.memory_map({{0, 0x1000, 1}}, entry_size).end_tag();
        Block block = builder.build();
        BootInformation information = parse(block);
        EXPECT_FALSE(information.has_memory_map) << entry_size;
        EXPECT_EQ(information.memory_region_count, 0u) << entry_size;
        EXPECT_TRUE(has_problem(information, "entry size " + std::to_string(entry_size)))
            << all_problems(information);
    }
}

TEST(Multiboot2Tags, LargerEntriesFromALaterSpecVersionAreRead) {
    BlockBuilder builder;
    builder.memory_map({{0, 0x9FC00, 1}, {0x100000, 0x7EE0000, 1}}, 32).end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, 0u) << all_problems(information);
    ASSERT_EQ(information.memory_region_count, 2u);
    EXPECT_EQ(information.memory_regions[1].base, 0x100000u);
    EXPECT_EQ(information.memory_regions[1].length, 0x7EE0000u);
}

TEST(Multiboot2Tags, MemoryMapWithAPartialEntryIsIgnored) {
    std::vector<uint8_t> payload = {24, 0, 0, 0, 0, 0, 0, 0}; // entry_size 24, version 0
    payload.resize(payload.size() + 24 + 8, 0);               // one entry and a third of one
    BlockBuilder builder;
    builder.tag(TAG_MEMORY_MAP, payload).end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_FALSE(information.has_memory_map);
    EXPECT_TRUE(has_problem(information, "32 bytes of entries")) << all_problems(information);
}

TEST(Multiboot2Tags, MemoryMapHeaderTooSmallOrEmpty) {
    BlockBuilder small;
    small.tag(TAG_MEMORY_MAP, {24, 0, 0, 0}).end_tag();
    Block small_block = small.build();
    BootInformation too_small = parse(small_block);
    EXPECT_FALSE(too_small.has_memory_map);
    EXPECT_TRUE(has_problem(too_small, "size 12 is too small")) << all_problems(too_small);

    BlockBuilder empty;
    empty.memory_map({}).end_tag();
    Block empty_block = empty.build();
    BootInformation no_entries = parse(empty_block);
    EXPECT_TRUE(no_entries.has_memory_map);
    EXPECT_EQ(no_entries.memory_region_count, 0u);
    EXPECT_TRUE(has_problem(no_entries, "no entries")) << all_problems(no_entries);
}

TEST(Multiboot2Tags, EmptyAndWrappingRegionsAreLeftOut) {
    BlockBuilder builder;
    builder
        .memory_map({{0x1000, 0, 1},                     // empty: dropped quietly
                     {0xFFFFFFFFFFFFF000ull, 0x2000, 1}, // wraps past 2^64: reported
                     {0xFFFFFFFFFFFFF000ull, 0x1000, 2}, // ends at the last byte: fine
                     {0x100000, 0x1000, 1}})
        .end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, 1u) << all_problems(information);
    EXPECT_TRUE(has_problem(information, "wraps around"));
    ASSERT_EQ(information.memory_region_count, 2u);
    EXPECT_EQ(information.memory_regions[0].base, 0xFFFFFFFFFFFFF000ull);
    EXPECT_EQ(information.memory_regions[1].base, 0x100000u);
}

TEST(Multiboot2Tags, TooManyRegionsAreCountedAndReported) {
    std::vector<MapEntry> entries;
    for (uint64_t index = 0; index < multiboot2::MAXIMUM_MEMORY_REGIONS + 5; ++index)
        entries.push_back({index * 0x10000, 0x10000, 1});
    BlockBuilder builder;
    builder.memory_map(entries).end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.memory_region_count, multiboot2::MAXIMUM_MEMORY_REGIONS);
    EXPECT_EQ(information.usable_memory_bytes(), multiboot2::MAXIMUM_MEMORY_REGIONS * 0x10000ull);
    EXPECT_TRUE(has_problem(information, "5 regions beyond the first 32"))
        << all_problems(information);
}

TEST(Multiboot2Tags, ProblemsBeyondTheListAreCounted) {
    BlockBuilder builder;
    for (int index = 0; index < 12; ++index)
        builder.module(0x2000, 0x1000, "backwards");
    builder.end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, multiboot2::MAXIMUM_PROBLEMS);
    EXPECT_EQ(information.problems_dropped, 12u - multiboot2::MAXIMUM_PROBLEMS);
}

TEST(Multiboot2Tags, LongProblemMessagesAreCutAndTerminated) {
    BlockBuilder builder;
    builder.module(0x2000, 0x1000, std::string(300, 'x')).end_tag();
    Block block = builder.build();
    BootInformation information = parse(block);
    ASSERT_EQ(information.problem_count, 1u);
    EXPECT_EQ(strlen(information.problems[0]), multiboot2::MAXIMUM_PROBLEM_LENGTH - 1);
}

TEST(Multiboot2Tags, MemoryTypeNames) {
    EXPECT_STREQ(multiboot2::memory_type_name(1), "available");
    EXPECT_STREQ(multiboot2::memory_type_name(2), "reserved");
    EXPECT_STREQ(multiboot2::memory_type_name(3), "ACPI reclaimable");
    EXPECT_STREQ(multiboot2::memory_type_name(4), "ACPI non-volatile");
    EXPECT_STREQ(multiboot2::memory_type_name(5), "defective");
    EXPECT_STREQ(multiboot2::memory_type_name(0), "reserved (unknown type)");
    EXPECT_STREQ(multiboot2::memory_type_name(77), "reserved (unknown type)");
}

// Whatever the bytes, everything the parser hands out must lie inside the block.
void expect_contained(const BootInformation& information, const Block& block) {
    auto inside = [&](const char* text) {
        if (text == nullptr)
            return true;
        auto* start = reinterpret_cast<const uint8_t*>(text);
        return start >= block.bytes() && start + strlen(text) < block.bytes() + block.size;
    };
    EXPECT_TRUE(inside(information.command_line));
    EXPECT_TRUE(inside(information.boot_loader_name));
    ASSERT_LE(information.module_count, multiboot2::MAXIMUM_MODULES);
    for (size_t index = 0; index < information.module_count; ++index) {
        EXPECT_TRUE(inside(information.modules[index].command_line));
        EXPECT_LE(information.modules[index].start, information.modules[index].end);
    }
    ASSERT_LE(information.memory_region_count, multiboot2::MAXIMUM_MEMORY_REGIONS);
    for (size_t index = 0; index < information.memory_region_count; ++index)
        EXPECT_NE(information.memory_regions[index].length, 0u);
    EXPECT_LE(information.total_size, block.size);
}

TEST(Multiboot2Tags, RandomlyDamagedBlocksNeverLeadOutsideTheBlock) {
    BlockBuilder builder;
    builder.string_tag(TAG_BOOT_LOADER_NAME, "GRUB 2.06")
        .string_tag(TAG_COMMAND_LINE, "test=x")
        .module(0x11A000, 0x11B02A, "symbols")
        .basic_memory(639, 129920)
        .memory_map({{0x0, 0x9FC00, 1}, {0x100000, 0x7EE0000, 1}})
        .end_tag();
    std::mt19937 random(12345); // fixed seed: the same damage on every run
    for (int round = 0; round < 5000; ++round) {
        Block block = builder.build();
        auto* bytes = reinterpret_cast<uint8_t*>(block.storage.get());
        int damaged = 1 + static_cast<int>(random() % 4);
        for (int count = 0; count < damaged; ++count)
            bytes[random() % block.size] = static_cast<uint8_t>(random());
        BootInformation information = parse(block);
        expect_contained(information, block);
        if (::testing::Test::HasFailure())
            FAIL() << "round " << round;
    }
}

} // namespace
