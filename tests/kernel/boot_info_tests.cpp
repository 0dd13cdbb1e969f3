// Kernel tests of the boot information as the boot loaders really pass it (QEMU with -m 128M):
// GRUB with Multiboot2 (the ISO of tools/make-iso.sh) and QEMU's own Multiboot1 loader (-kernel,
// the test boots). The parser must find the loader, a plausible memory map and the modules.
#include "kernel/boot_info/boot_info.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/boot_info/multiboot1.h"
#include "kernel/memory/layout.h"
#include "kernel/testing/kernel_test.h"
#include "libk/string.h"

namespace {

bool contains(const char* text, const char* part) {
    for (; *text; ++text) {
        if (libk::starts_with(text, part))
            return true;
    }
    return false;
}

constexpr uint64_t MIB = 1024 * 1024;
constexpr uintptr_t KERNEL_LOAD_ADDRESS = 0x100000; // arch/x86/kernel.ld

} // namespace

// Alone: it checks the command line GRUB passed, which only a boot of its own carries; it boots
// through GRUB (tests/kernel/through-grub).
KERNEL_TEST_ALONE(boot_information_is_sane) {
    EXPECT_EQ(boot_info::loader_magic(), multiboot2::BOOTLOADER_MAGIC);
    const multiboot2::BootInformation& information = boot_info::information();
    if (information.problem_count > 0)
        testing::fail(__FILE__, __LINE__, "boot information problem: %s", information.problems[0]);
    EXPECT(information.total_size >= 16);
    EXPECT(information.boot_loader_name != nullptr);
    EXPECT(contains(information.boot_loader_name, "GRUB"));
    EXPECT(information.command_line != nullptr);
    EXPECT(contains(information.command_line, "test=boot_information_is_sane"));
    EXPECT(contains(command_line::text(), "test=boot_information_is_sane"));

    EXPECT(information.has_memory_map);
    uint64_t usable = information.usable_memory_bytes();
    EXPECT(usable >= 100 * MIB);
    EXPECT(usable <= 128 * MIB);
}

// Alone: a boot of its own started by QEMU's -kernel, as every test boot but those in
// tests/kernel/through-grub.
KERNEL_TEST_ALONE(boot_by_qemus_own_loader_is_sane) {
    EXPECT_EQ(boot_info::loader_magic(), multiboot1::BOOTLOADER_MAGIC);
    const multiboot2::BootInformation& information = boot_info::information();
    if (information.problem_count > 0)
        testing::fail(__FILE__, __LINE__, "boot information problem: %s", information.problems[0]);
    EXPECT(information.boot_loader_name != nullptr);
    EXPECT(contains(information.boot_loader_name, "qemu"));
    EXPECT(information.command_line != nullptr);
    EXPECT(contains(command_line::text(), "test=boot_by_qemus_own_loader_is_sane"));
    EXPECT(information.has_memory_map);
    EXPECT(information.usable_memory_bytes() >= 100 * MIB);
    EXPECT(information.usable_memory_bytes() <= 128 * MIB);
    // Named as GRUB names them: the words after the file's path.
    EXPECT(boot_info::module_contents("initrd").data != nullptr);
    EXPECT(boot_info::module_contents("symbols").data != nullptr);
}

KERNEL_TEST(boot_memory_map_holds_the_kernel) {
    // The kernel runs from 1 MiB, so an available region must contain that address; and the
    // basic memory figures must agree with the map's first 640 KiB.
    const multiboot2::BootInformation& information = boot_info::information();
    bool kernel_in_available_memory = false;
    for (size_t index = 0; index < information.memory_region_count; ++index) {
        const multiboot2::MemoryRegion& region = information.memory_regions[index];
        EXPECT(region.length > 0);
        if (region.is_available() && region.base <= KERNEL_LOAD_ADDRESS &&
            KERNEL_LOAD_ADDRESS < region.base + region.length)
            kernel_in_available_memory = true;
    }
    EXPECT(kernel_in_available_memory);
    EXPECT(information.has_basic_memory);
    EXPECT(information.lower_memory_kib > 0 && information.lower_memory_kib <= 640);
}

KERNEL_TEST(boot_symbols_module_is_readable) {
    const multiboot2::BootInformation& information = boot_info::information();
    const multiboot2::Module* symbols = information.find_module("symbols");
    EXPECT(symbols != nullptr);
    EXPECT(symbols->size() > 0);
    EXPECT(symbols->end <= memory::BOOT_MAPPED_BYTES);
    EXPECT(information.find_module("no such module") == nullptr);

    // The contents are the module's physical bytes, seen through the boot mapping.
    boot_info::ModuleContents contents = boot_info::module_contents("symbols");
    EXPECT(contents.data == memory::physical_to_virtual(symbols->start));
    EXPECT_EQ(contents.size, symbols->size());
    EXPECT(boot_info::module_contents("no such module").data == nullptr);
}

namespace {

// A block laid out by hand in kernel memory (below 16 MiB, so the boot mapping reaches it):
// one module that lies beyond the boot mapping, then the end tag.
alignas(8) uint8_t g_crafted_block[40];

void put_u32(size_t offset, uint32_t value) {
    memcpy(g_crafted_block + offset, &value, sizeof value);
}

bool has_problem(const char* text) {
    const multiboot2::BootInformation& information = boot_info::information();
    for (size_t index = 0; index < information.problem_count; ++index) {
        if (contains(information.problems[index], text))
            return true;
    }
    return false;
}

} // namespace

KERNEL_TEST(boot_info_reports_what_it_cannot_use) {
    uintptr_t real_block = boot_info::information_physical();

    static boot_info::Saved real; // 4 KiB: not on the test thread's stack
    boot_info::save(real);

    boot_info::initialize(0x1BADB002, real_block); // a Multiboot header's magic, not a loader's
    EXPECT(has_problem("not started by a Multiboot boot loader"));
    EXPECT_EQ(boot_info::information().total_size, 0);

    boot_info::initialize(multiboot2::BOOTLOADER_MAGIC, memory::BOOT_MAPPED_BYTES);
    EXPECT(has_problem("outside the first 16 MiB"));

    put_u32(0, sizeof g_crafted_block);
    put_u32(8, 3);          // module tag
    put_u32(12, 16 + 4);    // header, start, end, "far" and its NUL
    put_u32(16, 0x2000000); // 32 MiB: beyond the boot mapping
    put_u32(20, 0x2001000);
    memcpy(g_crafted_block + 24, "far", 4);
    put_u32(32, 0); // end tag
    put_u32(36, 8);
    boot_info::initialize(multiboot2::BOOTLOADER_MAGIC,
                          memory::virtual_to_physical(g_crafted_block));
    EXPECT(has_problem("\"far\" at 0x02000000-0x02000fff ends beyond"));
    EXPECT(boot_info::information().find_module("far") != nullptr); // still known, for its frames
    EXPECT(boot_info::module_contents("far").data == nullptr);      // but not readable
    boot_info::log_summary(); // shows in the log how a student sees such warnings

    boot_info::restore(real);
    EXPECT_EQ(boot_info::information_physical(), real_block);
    EXPECT_EQ(boot_info::information().problem_count, 0);
    EXPECT(boot_info::module_contents("symbols").data != nullptr);
}
