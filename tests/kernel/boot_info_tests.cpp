// Kernel tests of the boot information as GRUB really passes it (QEMU with -m 128M, the ISO of
// tools/make-iso.sh): the parser must find the loader, a plausible memory map and the modules.
#include "kernel/boot_info/boot_info.h"
#include "kernel/boot_info/command_line.h"
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

KERNEL_TEST(boot_information_is_sane) {
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
