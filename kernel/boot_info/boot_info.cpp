// See boot_info.h. Until the memory manager builds the final page tables, the kernel can only
// read the first 16 MiB of physical memory (memory::BOOT_MAPPED_BYTES), so the block and the
// modules must lie below that line; what lies beyond is reported.
#include "kernel/boot_info/boot_info.h"
#include "kernel/boot_info/multiboot1.h"
#include "kernel/debug/log.h"
#include "kernel/memory/layout.h"
#include "libk/format.h"

namespace boot_info {
namespace {

multiboot2::BootInformation g_information;
uintptr_t g_information_physical = 0;
uint32_t g_loader_magic = 0;

constexpr const char* SUBSYSTEM = "boot";

// Reports modules the boot mapping does not reach: they are kept (their memory is still in use)
// but module_contents() will not hand them out.
void check_modules_are_mapped(multiboot2::BootInformation& information) {
    for (size_t index = 0; index < information.module_count; ++index) {
        const multiboot2::Module& module = information.modules[index];
        if (module.end > memory::BOOT_MAPPED_BYTES)
            information.report("module \"%s\" at 0x%08x-0x%08x ends beyond the %u MiB the "
                               "kernel can read at boot",
                               module.command_line, module.start, module.end - 1,
                               static_cast<unsigned>(memory::BOOT_MAPPED_BYTES >> 20));
    }
}

// "639 KiB", "124.8 MiB": a whole number when exact, otherwise one decimal (rounded down).
void format_size(char* buffer, size_t size, uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB"};
    unsigned unit = 0;
    while (unit < 3 && bytes >= (1ull << (10 * (unit + 1))))
        ++unit;
    unsigned shift = 10 * unit;
    uint64_t remainder = bytes & ((1ull << shift) - 1);
    auto whole = static_cast<unsigned long long>(bytes >> shift);
    if (remainder == 0)
        libk::format_buffer(buffer, size, "%llu %s", whole, units[unit]);
    else
        libk::format_buffer(buffer, size, "%llu.%u %s", whole,
                            static_cast<unsigned>((remainder * 10) >> shift), units[unit]);
}

void log_memory_map(const multiboot2::BootInformation& information) {
    if (!information.has_memory_map) {
        if (information.has_basic_memory)
            log::info(SUBSYSTEM, "no memory map; basic memory: %u KiB low, %u KiB from 1 MiB",
                      information.lower_memory_kib, information.upper_memory_kib);
        return;
    }
    log::info(SUBSYSTEM, "memory map:");
    for (size_t index = 0; index < information.memory_region_count; ++index) {
        const multiboot2::MemoryRegion& region = information.memory_regions[index];
        char size[16];
        format_size(size, sizeof size, region.length);
        log::info(SUBSYSTEM, "  0x%08llx-0x%08llx %10s  %s",
                  static_cast<unsigned long long>(region.base),
                  static_cast<unsigned long long>(region.base + region.length - 1), size,
                  multiboot2::memory_type_name(region.type));
    }
    log::info(SUBSYSTEM, "usable memory: %llu MiB",
              static_cast<unsigned long long>(information.usable_memory_bytes() >> 20));
}

// The same columns as the memory map: range, size, then the module's name.
void log_modules(const multiboot2::BootInformation& information) {
    if (information.module_count > 0)
        log::info(SUBSYSTEM, "modules:");
    for (size_t index = 0; index < information.module_count; ++index) {
        const multiboot2::Module& module = information.modules[index];
        char size[16];
        format_size(size, sizeof size, module.size());
        const char* name = module.command_line[0] != '\0' ? module.command_line : "(unnamed)";
        log::info(SUBSYSTEM, "  0x%08x-0x%08x %10s  %s", module.start,
                  module.end - (module.end > module.start ? 1 : 0), size, name);
    }
}

} // namespace

void initialize(uint32_t magic, uintptr_t information_physical) {
    g_information = multiboot2::BootInformation{};
    g_information_physical = information_physical;
    g_loader_magic = magic;
    if (magic == multiboot1::BOOTLOADER_MAGIC) {
        // QEMU's -kernel (the test runners): the parser copies what it keeps.
        multiboot1::parse({static_cast<const uint8_t*>(memory::physical_to_virtual(0)),
                           memory::BOOT_MAPPED_BYTES},
                          static_cast<uint32_t>(information_physical), g_information);
        check_modules_are_mapped(g_information);
        return;
    }
    if (magic != multiboot2::BOOTLOADER_MAGIC) {
        g_information.report("not started by a Multiboot boot loader (eax = %#x, expected %#x "
                             "or %#x); boot information ignored",
                             magic, multiboot2::BOOTLOADER_MAGIC, multiboot1::BOOTLOADER_MAGIC);
        return;
    }
    if (information_physical == 0 || information_physical >= memory::BOOT_MAPPED_BYTES) {
        g_information.report("boot information at %#lx is outside the first %u MiB; ignored",
                             static_cast<unsigned long>(information_physical),
                             static_cast<unsigned>(memory::BOOT_MAPPED_BYTES >> 20));
        return;
    }
    g_information = multiboot2::parse(memory::physical_to_virtual(information_physical),
                                      memory::BOOT_MAPPED_BYTES - information_physical);
    check_modules_are_mapped(g_information);
}

void save(Saved& saved) {
    saved = {g_information, g_information_physical, g_loader_magic};
}

// The strings of a Multiboot1 boot point into g_information.copied_text itself, so copying the
// whole structure back into the same place makes them valid again.
void restore(const Saved& saved) {
    g_information = saved.information;
    g_information_physical = saved.information_physical;
    g_loader_magic = saved.loader_magic;
}

uint32_t loader_magic() {
    return g_loader_magic;
}

const multiboot2::BootInformation& information() {
    return g_information;
}

uintptr_t information_physical() {
    return g_information_physical;
}

ModuleContents module_contents(const char* name) {
    const multiboot2::Module* module = g_information.find_module(name);
    if (module == nullptr || module->end > memory::BOOT_MAPPED_BYTES)
        return {nullptr, 0};
    return {static_cast<const uint8_t*>(memory::physical_to_virtual(module->start)),
            module->size()};
}

void log_summary() {
    const multiboot2::BootInformation& information = g_information;
    if (information.boot_loader_name != nullptr)
        log::info(SUBSYSTEM, "loaded by %s", information.boot_loader_name);
    if (information.command_line != nullptr)
        log::info(SUBSYSTEM, "command line \"%s\"", information.command_line);
    log_memory_map(information);
    log_modules(information);
    for (size_t index = 0; index < information.problem_count; ++index)
        log::warning(SUBSYSTEM, "%s", information.problems[index]);
    if (information.problems_dropped > 0)
        log::warning(SUBSYSTEM, "... and %zu more problems with the boot information",
                     information.problems_dropped);
}

} // namespace boot_info
