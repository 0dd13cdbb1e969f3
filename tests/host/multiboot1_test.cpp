// Host tests of the Multiboot1 parser (kernel/boot_info/multiboot1.h): a little physical memory
// laid out as QEMU's -kernel loader lays it out, then every way a field can point astray.
#include "kernel/boot_info/multiboot1.h"
#include <cstring>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

using multiboot1::PhysicalWindow;
using multiboot2::BootInformation;

namespace {

constexpr uint32_t INFORMATION = 0x9000;
constexpr uint32_t MEMORY_MAP = 0x9500;
constexpr uint32_t STRINGS = 0xA000;
constexpr uint32_t MODULES = 0xB000;

constexpr uint32_t BASIC_MEMORY = 1u << 0;
constexpr uint32_t COMMAND_LINE = 1u << 2;
constexpr uint32_t MODULE_LIST = 1u << 3;
constexpr uint32_t REGIONS = 1u << 6;
constexpr uint32_t LOADER_NAME = 1u << 9;

// 64 KiB of "physical memory" and helpers to write the structures into it.
struct Memory {
    std::vector<uint8_t> bytes = std::vector<uint8_t>(0x10000, 0);
    uint32_t next_string = STRINGS;

    void put32(uint32_t address, uint32_t value) { std::memcpy(&bytes[address], &value, 4); }
    void put64(uint32_t address, uint64_t value) { std::memcpy(&bytes[address], &value, 8); }
    uint32_t string(const char* text) {
        uint32_t address = next_string;
        std::memcpy(&bytes[address], text, std::strlen(text) + 1);
        next_string += static_cast<uint32_t>(std::strlen(text)) + 1;
        return address;
    }
    void field(uint32_t offset, uint32_t value) { put32(INFORMATION + offset, value); }
    void flags(uint32_t value) { field(0, value); }
    // Regions as QEMU's option ROM writes them: size 20, base, length, type.
    void regions(const std::vector<multiboot2::MemoryRegion>& list) {
        uint32_t at = MEMORY_MAP;
        for (const auto& region : list) {
            put32(at, 20);
            put64(at + 4, region.base);
            put64(at + 12, region.length);
            put32(at + 20, region.type);
            at += 24;
        }
        field(44, at - MEMORY_MAP);
        field(48, MEMORY_MAP);
    }
    void modules(const std::vector<std::tuple<uint32_t, uint32_t, const char*>>& list) {
        uint32_t at = MODULES;
        for (const auto& [start, end, name] : list) {
            put32(at, start);
            put32(at + 4, end);
            put32(at + 8, string(name));
            put32(at + 12, 0);
            at += 16;
        }
        field(20, static_cast<uint32_t>(list.size()));
        field(24, MODULES);
    }
    // Into a structure on the heap that the test keeps: the copied strings point into it.
    const BootInformation& parse(uint32_t at = INFORMATION) {
        parsed = std::make_unique<BootInformation>();
        multiboot1::parse(PhysicalWindow{bytes.data(), bytes.size()}, at, *parsed);
        return *parsed;
    }
    std::unique_ptr<BootInformation> parsed;
};

std::string problems_of(const BootInformation& information) {
    std::string all;
    for (size_t index = 0; index < information.problem_count; ++index)
        all += std::string(information.problems[index]) + "\n";
    return all;
}

// What QEMU 7.2 gives this kernel with -m 128M -kernel ... -initrd "initrd.tar initrd,...".
Memory as_qemu_gives_it() {
    Memory memory;
    memory.flags(BASIC_MEMORY | COMMAND_LINE | MODULE_LIST | REGIONS | LOADER_NAME);
    memory.field(4, 639);
    memory.field(8, 130944);
    memory.field(64, memory.string("qemu"));
    memory.field(16, memory.string("build/kernel.elf test=x hz=250"));
    memory.regions({{0x0, 0x9FC00, 1},
                    {0x9FC00, 0x400, 2},
                    {0x100000, 0x7EE0000, 1},
                    {0xFFFC0000, 0x40000, 2}});
    memory.modules({{0x19C000, 0x31D000, "build/initrd.tar initrd"},
                    {0x31D000, 0x331034, "build/kernel.sym symbols"}});
    return memory;
}

TEST(Multiboot1, WhatQemuGivesIsReadCompletely) {
    Memory memory = as_qemu_gives_it();
    const BootInformation& information = memory.parse();
    EXPECT_EQ(information.problem_count, 0u) << problems_of(information);
    EXPECT_EQ(information.total_size, 0u); // nothing points back into the structure
    EXPECT_STREQ(information.boot_loader_name, "qemu");
    EXPECT_STREQ(information.command_line, "build/kernel.elf test=x hz=250");
    EXPECT_TRUE(information.has_basic_memory);
    EXPECT_EQ(information.lower_memory_kib, 639u);
    EXPECT_EQ(information.upper_memory_kib, 130944u);
    ASSERT_EQ(information.memory_region_count, 4u);
    EXPECT_EQ(information.memory_regions[2].base, 0x100000u);
    EXPECT_EQ(information.memory_regions[2].length, 0x7EE0000u);
    EXPECT_TRUE(information.memory_regions[2].is_available());
    EXPECT_EQ(information.usable_memory_bytes(), 0x9FC00ull + 0x7EE0000ull);
    ASSERT_EQ(information.module_count, 2u);
    EXPECT_EQ(information.modules[0].start, 0x19C000u);
    EXPECT_EQ(information.modules[0].end, 0x31D000u);
    EXPECT_STREQ(information.modules[0].command_line, "initrd"); // the path is left out
    EXPECT_STREQ(information.modules[1].command_line, "symbols");
    ASSERT_NE(information.find_module("initrd"), nullptr);
}

TEST(Multiboot1, StringsAreCopiedOutOfTheLoadersMemory) {
    Memory memory = as_qemu_gives_it();
    const BootInformation& information = memory.parse();
    std::fill(memory.bytes.begin(), memory.bytes.end(), 0); // the loader's memory is reused
    EXPECT_STREQ(information.command_line, "build/kernel.elf test=x hz=250");
    EXPECT_STREQ(information.modules[0].command_line, "initrd");
    EXPECT_STREQ(information.boot_loader_name, "qemu");
}

TEST(Multiboot1, FieldsWithoutTheirFlagAreNotRead) {
    Memory memory = as_qemu_gives_it();
    memory.flags(COMMAND_LINE); // everything else is there, but not announced
    const BootInformation& information = memory.parse();
    EXPECT_STREQ(information.command_line, "build/kernel.elf test=x hz=250");
    EXPECT_EQ(information.boot_loader_name, nullptr);
    EXPECT_FALSE(information.has_basic_memory);
    EXPECT_FALSE(information.has_memory_map);
    EXPECT_EQ(information.module_count, 0u);
}

TEST(Multiboot1, TheStructureOutsideMemoryIsReported) {
    Memory memory = as_qemu_gives_it();
    const BootInformation& information = memory.parse(0xFFF0); // 68 bytes do not fit below 64 KiB
    EXPECT_EQ(information.problem_count, 1u);
    EXPECT_EQ(information.command_line, nullptr);
    EXPECT_EQ(information.memory_region_count, 0u);
}

TEST(Multiboot1, PointersOutsideMemoryAreReportedAndSkipped) {
    Memory memory = as_qemu_gives_it();
    memory.field(16, 0x20000);             // the command line beyond the window
    memory.field(48, 0xFFFF0);             // the memory map too
    memory.put32(MODULES + 8, 0xFFFFFFF0); // the first module's name
    const BootInformation& information = memory.parse();
    EXPECT_EQ(information.command_line, nullptr);
    EXPECT_FALSE(information.has_memory_map);
    ASSERT_EQ(information.module_count, 1u); // the second module is still there
    EXPECT_STREQ(information.modules[0].command_line, "symbols");
    EXPECT_EQ(information.problem_count, 3u) << problems_of(information);
    EXPECT_STREQ(information.boot_loader_name, "qemu");
}

TEST(Multiboot1, AStringWithoutItsEndIsRefused) {
    Memory memory = as_qemu_gives_it();
    uint32_t address = 0x10000 - 4;
    std::memcpy(&memory.bytes[address], "abcd", 4); // runs into the end of memory
    memory.field(16, address);
    const BootInformation& information = memory.parse();
    EXPECT_EQ(information.command_line, nullptr);
    EXPECT_EQ(information.problem_count, 1u) << problems_of(information);
}

TEST(Multiboot1, BrokenMemoryMapEntriesStopTheWalkAndKeepWhatCameBefore) {
    Memory memory = as_qemu_gives_it();
    memory.put32(MEMORY_MAP + 24, 4); // the second entry's size is too small
    const BootInformation& information = memory.parse();
    EXPECT_TRUE(information.has_memory_map);
    EXPECT_EQ(information.memory_region_count, 1u);
    EXPECT_EQ(information.problem_count, 1u) << problems_of(information);

    Memory wrapping = as_qemu_gives_it();
    wrapping.put64(MEMORY_MAP + 4 + 24, 0xFFFFFFFFFFFFFF00ull); // + 0x400 wraps
    const BootInformation& wrapped = wrapping.parse();
    EXPECT_EQ(wrapped.memory_region_count, 3u); // that one left out, the walk goes on
    EXPECT_EQ(wrapped.problem_count, 1u) << problems_of(wrapped);
}

TEST(Multiboot1, ModulesBeyondTheRoomAndBackwardModulesAreReported) {
    Memory memory = as_qemu_gives_it();
    std::vector<std::tuple<uint32_t, uint32_t, const char*>> many;
    for (size_t index = 0; index < multiboot2::MAXIMUM_MODULES + 2; ++index)
        many.emplace_back(0x200000, 0x201000, "m");
    std::get<1>(many[0]) = 0x100000; // ends before it starts
    memory.modules(many);
    const BootInformation& information = memory.parse();
    EXPECT_EQ(information.module_count, multiboot2::MAXIMUM_MODULES - 1);
    EXPECT_EQ(information.problem_count, 2u) << problems_of(information);
}

TEST(Multiboot1, StringsThatFillTheRoomAreRefusedNotCut) {
    Memory memory = as_qemu_gives_it();
    std::string long_line(multiboot2::COPIED_TEXT_SIZE, 'x');
    memory.field(16, memory.string(long_line.c_str()));
    const BootInformation& information = memory.parse();
    EXPECT_EQ(information.command_line, nullptr);
    EXPECT_STREQ(information.boot_loader_name, "qemu"); // read before, still whole
    EXPECT_EQ(information.problem_count, 1u) << problems_of(information);
}

} // namespace
