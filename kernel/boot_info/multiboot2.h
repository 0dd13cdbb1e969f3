// Reading the Multiboot2 boot information GRUB hands to the kernel (Multiboot2 spec, section 3.6).
// The parser trusts nothing in the block: every size, offset and string is checked, problems are
// collected as messages, and data from a broken tag is left out. It touches no hardware and
// prints nothing, so the host tests feed it crafted buffers; boot_info.h is the kernel's side.
#pragma once

#include "libk/types.h"

namespace multiboot2 {

constexpr uint32_t BOOTLOADER_MAGIC = 0x36D76289; // in eax when GRUB jumps to _start

// There is no heap this early, so the parsed lists have fixed room; what does not fit is
// reported as a problem. GRUB's block for this kernel is well under 1 KiB with a dozen regions.
constexpr size_t MAXIMUM_MEMORY_REGIONS = 32;
constexpr size_t MAXIMUM_MODULES = 8;
constexpr size_t MAXIMUM_PROBLEMS = 8;
constexpr size_t MAXIMUM_PROBLEM_LENGTH = 120;
// A total_size above this is taken as garbage rather than as a real (very large) block.
constexpr uint32_t MAXIMUM_TOTAL_SIZE = 64 * 1024;

// Memory map entry types (spec 3.6.8); any other value means reserved.
enum class MemoryType : uint32_t {
    Available = 1,
    Reserved = 2,
    AcpiReclaimable = 3,
    AcpiNonVolatile = 4, // must be preserved across hibernation
    Defective = 5,
};

// A short name for a memory map type, e.g. "available", "ACPI reclaimable".
const char* memory_type_name(uint32_t type);

struct MemoryRegion {
    uint64_t base;   // physical; 64-bit because the map may describe memory above 4 GiB
    uint64_t length; // in bytes, never 0
    uint32_t type;   // a MemoryType value, kept raw so unknown types can be shown
    bool is_available() const { return type == static_cast<uint32_t>(MemoryType::Available); }
};

struct Module {
    uint32_t start;           // physical address of the first byte
    uint32_t end;             // physical address one past the last byte (start <= end)
    const char* command_line; // the words after the file name in grub.cfg, e.g. "symbols"
    uint32_t size() const { return end - start; }
};

// Room for the strings of a Multiboot1 boot (multiboot1.h), which lie scattered in memory and
// are copied here: the command line (at most 511 characters are kept by the kernel anyway), the
// boot loader's name and the modules' names.
constexpr size_t COPIED_TEXT_SIZE = 1024;

// Everything the kernel uses from the boot information. With Multiboot2, strings point into the
// block itself, so the block must stay untouched while they are in use (the frame allocator
// skips it); with Multiboot1 they point into copied_text.
struct BootInformation {
    uint32_t total_size = 0; // bytes of the block; 0 when it could not be read at all

    const char* command_line = nullptr;     // nullptr when the tag is missing or broken
    const char* boot_loader_name = nullptr; // likewise

    bool has_basic_memory = false;
    uint32_t lower_memory_kib = 0; // memory from 0, at most 640 KiB
    uint32_t upper_memory_kib = 0; // memory from 1 MiB up to the first hole

    bool has_memory_map = false;
    MemoryRegion memory_regions[MAXIMUM_MEMORY_REGIONS] = {};
    size_t memory_region_count = 0;

    Module modules[MAXIMUM_MODULES] = {};
    size_t module_count = 0;

    char copied_text[COPIED_TEXT_SIZE] = {};
    size_t copied_text_used = 0;

    // Messages saying what was wrong; the kernel logs each as a warning.
    char problems[MAXIMUM_PROBLEMS][MAXIMUM_PROBLEM_LENGTH] = {};
    size_t problem_count = 0;    // messages stored in problems[]
    size_t problems_dropped = 0; // further problems that found no room

    // Adds a problem message (printf-style); anyone may add one, the kernel side does too.
    void report(const char* format, ...) __attribute__((format(printf, 2, 3)));

    // The first module whose command line is exactly `name`, or nullptr.
    const Module* find_module(const char* name) const;

    // The sum of the available regions of the memory map, in bytes.
    uint64_t usable_memory_bytes() const;
};

// Parses the block at `information`, of which `readable_bytes` bytes may be read (the block must
// fit inside them). `information` must be 8-byte aligned, as the spec promises.
BootInformation parse(const void* information, size_t readable_bytes);

} // namespace multiboot2
