// See multiboot2.h. The block is a fixed 8-byte header (total_size, reserved) followed by tags,
// each starting 8-byte aligned with a header (type, size) and ending with a tag of type 0.
// Every read below first checks that the bytes lie inside the block and the tag.
#include "kernel/boot_info/multiboot2.h"
#include "kernel/boot_info/field_reads.h"
#include "libk/format.h"
#include "libk/string.h"

namespace multiboot2 {
namespace {

constexpr uint32_t TAG_END = 0;
constexpr uint32_t TAG_COMMAND_LINE = 1;
constexpr uint32_t TAG_BOOT_LOADER_NAME = 2;
constexpr uint32_t TAG_MODULE = 3;
constexpr uint32_t TAG_BASIC_MEMORY = 4;
constexpr uint32_t TAG_MEMORY_MAP = 6;

constexpr uint32_t FIXED_PART_SIZE = 8;           // total_size, reserved
constexpr uint32_t TAG_HEADER_SIZE = 8;           // type, size
constexpr uint32_t END_TAG_SIZE = 8;              // a bare header
constexpr uint32_t MODULE_HEADER_SIZE = 16;       // tag header, mod_start, mod_end
constexpr uint32_t BASIC_MEMORY_SIZE = 16;        // tag header, mem_lower, mem_upper
constexpr uint32_t MEMORY_MAP_HEADER_SIZE = 16;   // tag header, entry_size, entry_version
constexpr uint32_t MEMORY_MAP_ENTRY_MINIMUM = 24; // base (8), length (8), type (4), reserved (4)
constexpr uint32_t MAXIMUM_LOWER_MEMORY_KIB = 640;

// One tag, located: `size` has been checked to be at least a header and to stay inside the block.
struct Tag {
    const uint8_t* start;
    uint32_t offset; // from the start of the block, so messages can point at it
    uint32_t type;
    uint32_t size;
};

// What the walk remembers across tags.
struct WalkState {
    uint32_t seen_types = 0; // bit n set once a tag of type n has been read (n < 32)
    size_t modules_left_out = 0;
    size_t regions_left_out = 0;
};

// The block is only promised to be 8-byte aligned: fields are read with field_reads.h.
using boot_info::read_u32;
using boot_info::read_u64;

const char* tag_name(uint32_t type) {
    switch (type) {
    case TAG_COMMAND_LINE:
        return "command line";
    case TAG_BOOT_LOADER_NAME:
        return "boot loader name";
    case TAG_MODULE:
        return "module";
    case TAG_BASIC_MEMORY:
        return "basic memory";
    case TAG_MEMORY_MAP:
        return "memory map";
    default:
        return "other";
    }
}

// True for the tag types this parser reads; all other types are skipped.
bool is_read(uint32_t type) {
    return type == TAG_COMMAND_LINE || type == TAG_BOOT_LOADER_NAME || type == TAG_MODULE ||
           type == TAG_BASIC_MEMORY || type == TAG_MEMORY_MAP;
}

// The string that starts `offset` bytes into the tag, provided a NUL ends it inside the tag.
const char* string_in_tag(const Tag& tag, uint32_t offset) {
    for (uint32_t index = offset; index < tag.size; ++index) {
        if (tag.start[index] == '\0')
            return reinterpret_cast<const char*>(tag.start + offset);
    }
    return nullptr;
}

void read_string_tag(BootInformation& information, const Tag& tag, const char*& field) {
    const char* text = string_in_tag(tag, TAG_HEADER_SIZE);
    if (text == nullptr) {
        information.report("%s tag at offset %u: the text has no terminating NUL; ignored",
                           tag_name(tag.type), tag.offset);
        return;
    }
    field = text;
}

void read_module(BootInformation& information, WalkState& state, const Tag& tag) {
    if (tag.size < MODULE_HEADER_SIZE + 1) {
        information.report("module tag at offset %u: size %u is too small; ignored", tag.offset,
                           tag.size);
        return;
    }
    const char* name = string_in_tag(tag, MODULE_HEADER_SIZE);
    if (name == nullptr) {
        information.report("module tag at offset %u: the name has no terminating NUL; ignored",
                           tag.offset);
        return;
    }
    Module module{read_u32(tag.start + 8), read_u32(tag.start + 12), name};
    if (module.start > module.end) {
        information.report("module \"%s\": start %#x lies after end %#x; ignored", name,
                           module.start, module.end);
        return;
    }
    if (information.module_count == MAXIMUM_MODULES) {
        ++state.modules_left_out;
        return;
    }
    information.modules[information.module_count++] = module;
}

void read_basic_memory(BootInformation& information, const Tag& tag) {
    if (tag.size < BASIC_MEMORY_SIZE) {
        information.report("basic memory tag at offset %u: size %u is too small; ignored",
                           tag.offset, tag.size);
        return;
    }
    uint32_t lower = read_u32(tag.start + 8);
    if (lower > MAXIMUM_LOWER_MEMORY_KIB) {
        information.report("basic memory tag: lower memory of %u KiB is above %u KiB; ignored",
                           lower, MAXIMUM_LOWER_MEMORY_KIB);
        return;
    }
    information.has_basic_memory = true;
    information.lower_memory_kib = lower;
    information.upper_memory_kib = read_u32(tag.start + 12);
}

// Adds one memory map entry, leaving out the ones that describe nothing or wrap around.
void add_memory_region(BootInformation& information, WalkState& state, const MemoryRegion& region) {
    if (region.length == 0)
        return; // an empty region claims no memory: nothing to trust or distrust
    if (region.base + (region.length - 1) < region.base) {
        information.report("memory map: region at %#llx of %#llx bytes wraps around; ignored",
                           static_cast<unsigned long long>(region.base),
                           static_cast<unsigned long long>(region.length));
        return;
    }
    if (information.memory_region_count == MAXIMUM_MEMORY_REGIONS) {
        ++state.regions_left_out;
        return;
    }
    information.memory_regions[information.memory_region_count++] = region;
}

void read_memory_map(BootInformation& information, WalkState& state, const Tag& tag) {
    if (tag.size < MEMORY_MAP_HEADER_SIZE) {
        information.report("memory map tag at offset %u: size %u is too small; ignored", tag.offset,
                           tag.size);
        return;
    }
    // entry_size lets later versions of the spec append fields; only the first 24 bytes are read.
    uint32_t entry_size = read_u32(tag.start + 8);
    if (entry_size < MEMORY_MAP_ENTRY_MINIMUM || entry_size % 8 != 0) {
        information.report("memory map: entry size %u is not a multiple of 8 of at least %u; "
                           "map ignored",
                           entry_size, MEMORY_MAP_ENTRY_MINIMUM);
        return;
    }
    uint32_t entry_bytes = tag.size - MEMORY_MAP_HEADER_SIZE;
    if (entry_bytes % entry_size != 0) {
        information.report("memory map: %u bytes of entries are no whole number of %u-byte "
                           "entries; map ignored",
                           entry_bytes, entry_size);
        return;
    }
    if (entry_bytes == 0)
        information.report("memory map: the map has no entries");
    information.has_memory_map = true;
    for (uint32_t offset = MEMORY_MAP_HEADER_SIZE; offset < tag.size; offset += entry_size) {
        const uint8_t* entry = tag.start + offset;
        add_memory_region(information, state,
                          MemoryRegion{read_u64(entry), read_u64(entry + 8), read_u32(entry + 16)});
    }
}

void read_tag(BootInformation& information, WalkState& state, const Tag& tag) {
    // Of the tags read here only modules may repeat; otherwise the first tag is the one used.
    if (tag.type != TAG_MODULE && is_read(tag.type)) {
        uint32_t type_bit = 1u << tag.type;
        if ((state.seen_types & type_bit) != 0) {
            information.report("%s tag at offset %u: a second one; keeping the first",
                               tag_name(tag.type), tag.offset);
            return;
        }
        state.seen_types |= type_bit;
    }
    switch (tag.type) {
    case TAG_COMMAND_LINE:
        read_string_tag(information, tag, information.command_line);
        break;
    case TAG_BOOT_LOADER_NAME:
        read_string_tag(information, tag, information.boot_loader_name);
        break;
    case TAG_MODULE:
        read_module(information, state, tag);
        break;
    case TAG_BASIC_MEMORY:
        read_basic_memory(information, tag);
        break;
    case TAG_MEMORY_MAP:
        read_memory_map(information, state, tag);
        break;
    default:
        break; // framebuffer, ELF sections, ACPI tables, ...: not used (yet)
    }
}

// Steps from tag to tag. A tag whose size cannot be right ends the walk, because the position
// of every later tag depends on it; what was read before it is kept.
void walk_tags(BootInformation& information, const uint8_t* block, uint32_t total_size) {
    WalkState state;
    uint32_t offset = FIXED_PART_SIZE;
    for (;;) {
        if (offset > total_size || total_size - offset < TAG_HEADER_SIZE) {
            information.report("no end tag within the total size of %u bytes", total_size);
            break;
        }
        Tag tag{block + offset, offset, read_u32(block + offset), read_u32(block + offset + 4)};
        if (tag.size < TAG_HEADER_SIZE || tag.size > total_size - offset) {
            information.report("tag at offset %u (type %u): size %u does not fit between the "
                               "header and the total size %u; later tags unreadable",
                               tag.offset, tag.type, tag.size, total_size);
            break;
        }
        if (tag.type == TAG_END) {
            if (tag.size != END_TAG_SIZE)
                information.report("end tag at offset %u: size %u instead of %u", tag.offset,
                                   tag.size, END_TAG_SIZE);
            break;
        }
        read_tag(information, state, tag);
        offset += (tag.size + 7) & ~7u; // the next tag starts 8-byte aligned
    }
    if (state.modules_left_out > 0)
        information.report("%zu modules beyond the first %zu were left out", state.modules_left_out,
                           MAXIMUM_MODULES);
    if (state.regions_left_out > 0)
        information.report("memory map: %zu regions beyond the first %zu were left out",
                           state.regions_left_out, MAXIMUM_MEMORY_REGIONS);
}

} // namespace

const char* memory_type_name(uint32_t type) {
    switch (static_cast<MemoryType>(type)) {
    case MemoryType::Available:
        return "available";
    case MemoryType::Reserved:
        return "reserved";
    case MemoryType::AcpiReclaimable:
        return "ACPI reclaimable";
    case MemoryType::AcpiNonVolatile:
        return "ACPI non-volatile";
    case MemoryType::Defective:
        return "defective";
    }
    return "reserved (unknown type)";
}

void BootInformation::report(const char* format, ...) {
    if (problem_count == MAXIMUM_PROBLEMS) {
        ++problems_dropped;
        return;
    }
    va_list arguments;
    va_start(arguments, format);
    libk::vformat_buffer(problems[problem_count++], MAXIMUM_PROBLEM_LENGTH, format, arguments);
    va_end(arguments);
}

const Module* BootInformation::find_module(const char* name) const {
    for (size_t index = 0; index < module_count; ++index) {
        if (strcmp(modules[index].command_line, name) == 0)
            return &modules[index];
    }
    return nullptr;
}

uint64_t BootInformation::usable_memory_bytes() const {
    uint64_t total = 0;
    for (size_t index = 0; index < memory_region_count; ++index) {
        if (memory_regions[index].is_available())
            total += memory_regions[index].length;
    }
    return total;
}

BootInformation parse(const void* information, size_t readable_bytes) {
    BootInformation result;
    auto* block = static_cast<const uint8_t*>(information);
    if (block == nullptr) {
        result.report("no boot information (null pointer)");
        return result;
    }
    if (reinterpret_cast<uintptr_t>(block) % 8 != 0) {
        result.report("boot information at %p is not 8-byte aligned; ignored", information);
        return result;
    }
    if (readable_bytes < FIXED_PART_SIZE) {
        result.report("boot information: only %zu bytes are readable; ignored", readable_bytes);
        return result;
    }
    uint32_t total_size = read_u32(block);
    if (total_size < FIXED_PART_SIZE + END_TAG_SIZE || total_size > MAXIMUM_TOTAL_SIZE) {
        result.report("boot information: total size %u is outside [%u, %u]; ignored", total_size,
                      FIXED_PART_SIZE + END_TAG_SIZE, MAXIMUM_TOTAL_SIZE);
        return result;
    }
    if (total_size > readable_bytes) {
        result.report("boot information: total size %u runs past the %zu readable bytes; "
                      "ignored",
                      total_size, readable_bytes);
        return result;
    }
    result.total_size = total_size;
    walk_tags(result, block, total_size);
    return result;
}

} // namespace multiboot2
