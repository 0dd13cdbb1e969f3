// See multiboot1.h. The information structure starts with `flags`; each bit says whether a group
// of later fields is valid. Only the groups the kernel uses are read.
#include "kernel/boot_info/multiboot1.h"
#include "kernel/boot_info/field_reads.h"
#include "libk/string.h"

namespace multiboot1 {
namespace {

using multiboot2::BootInformation;

// Bits of `flags` and the offsets of the fields they make valid (specification 3.3).
constexpr uint32_t HAS_BASIC_MEMORY = 1u << 0; // mem_lower at 4, mem_upper at 8
constexpr uint32_t HAS_COMMAND_LINE = 1u << 2; // cmdline at 16
constexpr uint32_t HAS_MODULES = 1u << 3;      // mods_count at 20, mods_addr at 24
constexpr uint32_t HAS_MEMORY_MAP = 1u << 6;   // mmap_length at 44, mmap_addr at 48
constexpr uint32_t HAS_LOADER_NAME = 1u << 9;  // boot_loader_name at 64
constexpr uint32_t INFORMATION_SIZE = 68;      // up to and including boot_loader_name
constexpr uint32_t MODULE_ENTRY_SIZE = 16;     // mod_start, mod_end, string, reserved
constexpr uint32_t REGION_ENTRY_MINIMUM = 20;  // base (8), length (8), type (4); `size` before
constexpr uint32_t MAXIMUM_LOWER_MEMORY_KIB = 640;
constexpr uint32_t MAXIMUM_STRING_LENGTH = 4096; // a longer "string" is taken as garbage

using boot_info::read_u32;
using boot_info::read_u64;

// The bytes [address, address + length) when they lie inside the window, else nullptr.
const uint8_t* bytes_at(const PhysicalWindow& memory, uint32_t address, uint32_t length) {
    if (address >= memory.size || length > memory.size - address)
        return nullptr;
    return memory.base + address;
}

// Copies the NUL-terminated string at physical `address` into the information's copied_text;
// returns the copy, or nullptr (with a problem reported) when it cannot be read or kept.
const char* copy_string(BootInformation& information, const PhysicalWindow& memory,
                        uint32_t address, const char* what) {
    const uint8_t* start = bytes_at(memory, address, 1);
    if (start == nullptr) {
        information.report("%s at %#x lies outside readable memory; ignored", what, address);
        return nullptr;
    }
    uint64_t readable = memory.size - address;
    uint32_t length = 0;
    while (length < readable && length < MAXIMUM_STRING_LENGTH && start[length] != '\0')
        ++length;
    if (length == readable || length == MAXIMUM_STRING_LENGTH) {
        information.report("%s at %#x has no terminating NUL; ignored", what, address);
        return nullptr;
    }
    size_t room = multiboot2::COPIED_TEXT_SIZE - information.copied_text_used;
    if (length + 1 > room) {
        information.report("%s of %u characters does not fit the %zu left for boot strings; "
                           "ignored",
                           what, length, room);
        return nullptr;
    }
    char* copy = information.copied_text + information.copied_text_used;
    memcpy(copy, start, length);
    copy[length] = '\0';
    information.copied_text_used += length + 1;
    return copy;
}

void read_basic_memory(BootInformation& information, const uint8_t* fields) {
    uint32_t lower = read_u32(fields + 4);
    if (lower > MAXIMUM_LOWER_MEMORY_KIB) {
        information.report("basic memory: lower memory of %u KiB is above %u KiB; ignored", lower,
                           MAXIMUM_LOWER_MEMORY_KIB);
        return;
    }
    information.has_basic_memory = true;
    information.lower_memory_kib = lower;
    information.upper_memory_kib = read_u32(fields + 8);
}

void read_modules(BootInformation& information, const PhysicalWindow& memory,
                  const uint8_t* fields) {
    uint32_t count = read_u32(fields + 20);
    uint32_t address = read_u32(fields + 24);
    if (count == 0)
        return;
    uint32_t kept = count < multiboot2::MAXIMUM_MODULES ? count : multiboot2::MAXIMUM_MODULES;
    const uint8_t* entries = bytes_at(memory, address, kept * MODULE_ENTRY_SIZE);
    if (entries == nullptr) {
        information.report("module list of %u entries at %#x lies outside readable memory; "
                           "ignored",
                           count, address);
        return;
    }
    for (uint32_t index = 0; index < kept; ++index) {
        const uint8_t* entry = entries + index * MODULE_ENTRY_SIZE;
        uint32_t start = read_u32(entry);
        uint32_t end = read_u32(entry + 4);
        const char* name = copy_string(information, memory, read_u32(entry + 8), "module name");
        if (name == nullptr)
            continue;
        // Multiboot1 loaders (QEMU, GRUB Legacy) put the file's path first: "initrd.tar initrd".
        // The kernel names a module by the words after it, as Multiboot2 passes them.
        const char* space = strchr(name, ' ');
        if (space != nullptr)
            name = space + 1;
        if (start > end) {
            information.report("module \"%s\": start %#x lies after end %#x; ignored", name, start,
                               end);
            continue;
        }
        information.modules[information.module_count++] = {start, end, name};
    }
    if (count > kept)
        information.report("%u modules beyond the first %zu were left out", count - kept,
                           multiboot2::MAXIMUM_MODULES);
}

// Entries are "size, base, length, type", where `size` counts the bytes after itself.
void read_memory_map(BootInformation& information, const PhysicalWindow& memory,
                     const uint8_t* fields) {
    uint32_t length = read_u32(fields + 44);
    uint32_t address = read_u32(fields + 48);
    const uint8_t* map = bytes_at(memory, address, length);
    if (map == nullptr) {
        information.report("memory map of %u bytes at %#x lies outside readable memory; ignored",
                           length, address);
        return;
    }
    information.has_memory_map = true;
    size_t left_out = 0;
    for (uint32_t offset = 0; offset < length;) {
        if (length - offset < 4 + REGION_ENTRY_MINIMUM) {
            information.report("memory map: %u bytes at its end are no whole entry; ignored",
                               length - offset);
            break;
        }
        uint32_t size = read_u32(map + offset);
        if (size < REGION_ENTRY_MINIMUM || size > length - offset - 4) {
            information.report("memory map: entry at offset %u has size %u; later entries "
                               "unreadable",
                               offset, size);
            break;
        }
        const uint8_t* entry = map + offset + 4;
        multiboot2::MemoryRegion region{read_u64(entry), read_u64(entry + 8), read_u32(entry + 16)};
        offset += 4 + size;
        if (region.length == 0)
            continue;
        if (region.base + region.length < region.base) {
            information.report("memory map: region at %#llx of %#llx bytes wraps around; ignored",
                               static_cast<unsigned long long>(region.base),
                               static_cast<unsigned long long>(region.length));
            continue;
        }
        if (information.memory_region_count == multiboot2::MAXIMUM_MEMORY_REGIONS) {
            ++left_out;
            continue;
        }
        information.memory_regions[information.memory_region_count++] = region;
    }
    if (left_out > 0)
        information.report("memory map: %zu regions beyond the first %zu were left out", left_out,
                           multiboot2::MAXIMUM_MEMORY_REGIONS);
}

} // namespace

void parse(const PhysicalWindow& memory, uint32_t information_address,
           BootInformation& information) {
    information = BootInformation{};
    const uint8_t* fields = bytes_at(memory, information_address, INFORMATION_SIZE);
    if (fields == nullptr) {
        information.report("Multiboot1 information at %#x lies outside readable memory; ignored",
                           information_address);
        return;
    }
    // Nothing points into the structure afterwards: total_size stays 0, so no memory is kept
    // for it.
    uint32_t flags = read_u32(fields);
    if ((flags & HAS_LOADER_NAME) != 0)
        information.boot_loader_name =
            copy_string(information, memory, read_u32(fields + 64), "boot loader name");
    if ((flags & HAS_COMMAND_LINE) != 0)
        information.command_line =
            copy_string(information, memory, read_u32(fields + 16), "command line");
    if ((flags & HAS_BASIC_MEMORY) != 0)
        read_basic_memory(information, fields);
    if ((flags & HAS_MODULES) != 0)
        read_modules(information, memory, fields);
    if ((flags & HAS_MEMORY_MAP) != 0)
        read_memory_map(information, memory, fields);
}

} // namespace multiboot1
