// Host tests of the Multiboot2 parser: a well-formed block, then the structure of the block
// (fixed part, tag walk, end tag). Tag contents are in multiboot2_tags_test.cpp.
#include "kernel/boot_info/multiboot2.h"
#include "tests/host/multiboot2_block.h"
#include <gtest/gtest.h>
#include <string>

using multiboot2::BootInformation;
using namespace multiboot2_test;

namespace {

// What GRUB gives this kernel under QEMU with -m 128M, plus a region above 4 GiB and a second
// module, with tags in an unusual order and sizes that need padding.
BlockBuilder well_formed() {
    BlockBuilder builder;
    builder.string_tag(TAG_BOOT_LOADER_NAME, "GRUB 2.06")
        .string_tag(TAG_COMMAND_LINE, "test=x hz=250")
        .tag(TAG_FRAMEBUFFER, std::vector<uint8_t>(21, 0xAB)) // skipped, and needs padding
        .module(0x11A000, 0x11B02A, "symbols")
        .basic_memory(639, 129920)
        .memory_map({{0x0, 0x9FC00, 1},
                     {0x9FC00, 0x400, 2},
                     {0x100000, 0x7EE0000, 1},
                     {0x100000000ull, 0x40000000ull, 1},
                     {0xFFFC0000, 0x40000, 2}})
        .module(0x200000, 0x280000, "initrd")
        .tag(99, {1, 2, 3}) // a type from a later spec version: skipped
        .end_tag();
    return builder;
}

TEST(Multiboot2, WellFormedBlockIsReadCompletely) {
    Block block = well_formed().build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, 0u) << all_problems(information);
    EXPECT_EQ(information.total_size, block.size);
    EXPECT_STREQ(information.boot_loader_name, "GRUB 2.06");
    EXPECT_STREQ(information.command_line, "test=x hz=250");
    EXPECT_TRUE(information.has_basic_memory);
    EXPECT_EQ(information.lower_memory_kib, 639u);
    EXPECT_EQ(information.upper_memory_kib, 129920u);

    ASSERT_TRUE(information.has_memory_map);
    ASSERT_EQ(information.memory_region_count, 5u);
    EXPECT_EQ(information.memory_regions[1].base, 0x9FC00u);
    EXPECT_EQ(information.memory_regions[1].length, 0x400u);
    EXPECT_EQ(information.memory_regions[1].type, 2u);
    EXPECT_EQ(information.memory_regions[3].base, 0x100000000ull); // 64 bits kept
    EXPECT_EQ(information.memory_regions[3].length, 0x40000000ull);
    EXPECT_TRUE(information.memory_regions[3].is_available());
    EXPECT_FALSE(information.memory_regions[4].is_available());
    EXPECT_EQ(information.usable_memory_bytes(), 0x9FC00ull + 0x7EE0000ull + 0x40000000ull);

    ASSERT_EQ(information.module_count, 2u);
    EXPECT_EQ(information.modules[0].start, 0x11A000u);
    EXPECT_EQ(information.modules[0].end, 0x11B02Au);
    EXPECT_EQ(information.modules[0].size(), 0x102Au);
    EXPECT_STREQ(information.modules[1].command_line, "initrd");
}

TEST(Multiboot2, StringsPointIntoTheBlock) {
    Block block = well_formed().build();
    BootInformation information = parse(block);
    auto inside = [&](const char* text) {
        auto* byte = reinterpret_cast<const uint8_t*>(text);
        return byte >= block.bytes() && byte + strlen(text) < block.bytes() + block.size;
    };
    EXPECT_TRUE(inside(information.command_line));
    EXPECT_TRUE(inside(information.boot_loader_name));
    EXPECT_TRUE(inside(information.modules[0].command_line));
}

TEST(Multiboot2, FindsModulesByTheirWholeCommandLine) {
    Block block = well_formed().build();
    BootInformation information = parse(block);
    ASSERT_NE(information.find_module("symbols"), nullptr);
    EXPECT_EQ(information.find_module("symbols")->start, 0x11A000u);
    ASSERT_NE(information.find_module("initrd"), nullptr);
    EXPECT_EQ(information.find_module("initrd")->start, 0x200000u);
    EXPECT_EQ(information.find_module("symbol"), nullptr);
    EXPECT_EQ(information.find_module("symbols2"), nullptr);
    EXPECT_EQ(information.find_module(""), nullptr);
}

TEST(Multiboot2, SmallestBlockIsHeaderAndEndTag) {
    Block block = BlockBuilder().end_tag().build();
    ASSERT_EQ(block.size, 16u);
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, 0u) << all_problems(information);
    EXPECT_EQ(information.total_size, 16u);
    EXPECT_EQ(information.command_line, nullptr);
    EXPECT_FALSE(information.has_memory_map);
    EXPECT_EQ(information.module_count, 0u);
    EXPECT_EQ(information.usable_memory_bytes(), 0u);
}

TEST(Multiboot2, NullPointerIsReported) {
    BootInformation information = multiboot2::parse(nullptr, 4096);
    EXPECT_TRUE(has_problem(information, "null"));
    EXPECT_EQ(information.total_size, 0u);
}

TEST(Multiboot2, MisalignedBlockIsRejected) {
    Block block = well_formed().build();
    BootInformation information = multiboot2::parse(block.bytes() + 4, block.size - 4);
    EXPECT_TRUE(has_problem(information, "aligned")) << all_problems(information);
    EXPECT_EQ(information.total_size, 0u);
}

TEST(Multiboot2, FewerReadableBytesThanTheFixedPart) {
    Block block = BlockBuilder().end_tag().build();
    for (size_t readable = 0; readable < 8; ++readable) {
        BootInformation information = multiboot2::parse(block.bytes(), readable);
        EXPECT_TRUE(has_problem(information, "readable")) << readable;
        EXPECT_EQ(information.total_size, 0u);
    }
}

TEST(Multiboot2, TotalSizeMustBeSane) {
    BlockBuilder builder = well_formed();
    for (uint32_t total_size : {1u, 8u, 15u, multiboot2::MAXIMUM_TOTAL_SIZE + 1, 0xFFFFFFFFu}) {
        Block block = builder.build(total_size);
        BootInformation information = parse(block);
        EXPECT_TRUE(has_problem(information, "total size")) << total_size;
        EXPECT_EQ(information.total_size, 0u);
        EXPECT_EQ(information.command_line, nullptr);
    }
}

TEST(Multiboot2, TotalSizePastTheReadableRangeIsRejected) {
    Block block = well_formed().build();
    BootInformation information = multiboot2::parse(block.bytes(), block.size - 1);
    EXPECT_TRUE(has_problem(information, "readable")) << all_problems(information);
    EXPECT_EQ(information.total_size, 0u);
    EXPECT_EQ(information.module_count, 0u);

    Block longer = well_formed().build(static_cast<uint32_t>(block.size + 8));
    EXPECT_TRUE(has_problem(parse(longer), "readable"));
}

TEST(Multiboot2, ReadableRangeExactlyTheBlockIsEnough) {
    Block block = well_formed().build();
    BootInformation information = multiboot2::parse(block.bytes(), block.size);
    EXPECT_EQ(information.problem_count, 0u);
    // More readable bytes than the block changes nothing: total_size decides where it ends.
    BootInformation wider = multiboot2::parse(block.bytes(), block.size + 4096);
    EXPECT_EQ(wider.problem_count, 0u);
    EXPECT_EQ(wider.total_size, block.size);
}

TEST(Multiboot2, MissingEndTagIsReportedButEarlierTagsAreKept) {
    BlockBuilder builder;
    builder.string_tag(TAG_COMMAND_LINE, "quiet").module(0x1000, 0x2000, "symbols");
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_TRUE(has_problem(information, "no end tag")) << all_problems(information);
    EXPECT_STREQ(information.command_line, "quiet");
    EXPECT_EQ(information.module_count, 1u);
}

TEST(Multiboot2, TotalSizeCuttingATagShortIsReported) {
    // total_size ends inside the module tag: the tag no longer fits, so it is not read.
    BlockBuilder builder;
    builder.string_tag(TAG_COMMAND_LINE, "quiet");
    uint32_t module_offset = builder.offset();
    builder.module(0x1000, 0x2000, "symbols").end_tag();
    Block block = builder.build(module_offset + 12);
    BootInformation information = multiboot2::parse(block.bytes(), block.size);
    EXPECT_TRUE(has_problem(information, "does not fit")) << all_problems(information);
    EXPECT_STREQ(information.command_line, "quiet");
    EXPECT_EQ(information.module_count, 0u);
}

TEST(Multiboot2, TagSmallerThanItsHeaderStopsTheWalk) {
    for (uint32_t size : {1u, 4u, 7u}) {
        BlockBuilder builder;
        builder.string_tag(TAG_BOOT_LOADER_NAME, "GRUB")
            .tag(TAG_FRAMEBUFFER, {}, size)
            .string_tag(TAG_COMMAND_LINE, "unreachable")
            .end_tag();
        Block block = builder.build();
        BootInformation information = parse(block);
        EXPECT_TRUE(has_problem(information, "does not fit")) << size;
        EXPECT_STREQ(information.boot_loader_name, "GRUB");
        EXPECT_EQ(information.command_line, nullptr) << size;
    }
}

TEST(Multiboot2, ZeroSizedTagDoesNotLoopForever) {
    BlockBuilder builder;
    builder.tag(TAG_MODULE, {}, 0).end_tag(); // a walk that trusted it would never move on
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_TRUE(has_problem(information, "size 0")) << all_problems(information);
}

TEST(Multiboot2, TagReachingExactlyTheTotalSizeFitsOneByteMoreDoesNot) {
    // A header-only tag followed by the end tag: 16 bytes left from the tag's offset.
    auto build = [](uint32_t declared_size) {
        BlockBuilder builder;
        builder.string_tag(TAG_COMMAND_LINE, "quiet");
        builder.tag(TAG_FRAMEBUFFER, {}, declared_size).end_tag();
        return builder.build();
    };
    Block exact_block = build(16); // the tag swallows the end tag, so none is left
    BootInformation exact = parse(exact_block);
    EXPECT_FALSE(has_problem(exact, "does not fit")) << all_problems(exact);
    EXPECT_TRUE(has_problem(exact, "no end tag")) << all_problems(exact);
    Block too_long_block = build(17);
    BootInformation too_long = parse(too_long_block);
    EXPECT_TRUE(has_problem(too_long, "does not fit")) << all_problems(too_long);
    EXPECT_STREQ(too_long.command_line, "quiet");
}

TEST(Multiboot2, EndTagWithWrongSizeIsReported) {
    BlockBuilder builder;
    builder.string_tag(TAG_COMMAND_LINE, "quiet").tag(TAG_END, std::vector<uint8_t>(8, 0));
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_TRUE(has_problem(information, "end tag at offset")) << all_problems(information);
    EXPECT_STREQ(information.command_line, "quiet");
}

TEST(Multiboot2, TagsAfterTheEndTagAreNotRead) {
    BlockBuilder builder;
    builder.end_tag().string_tag(TAG_COMMAND_LINE, "after the end");
    Block block = builder.build();
    BootInformation information = parse(block);
    EXPECT_EQ(information.problem_count, 0u) << all_problems(information);
    EXPECT_EQ(information.command_line, nullptr);
}

} // namespace
