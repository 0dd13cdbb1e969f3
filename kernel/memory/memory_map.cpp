// See memory_map.h.
#include "kernel/memory/memory_map.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/layout.h"

extern "C" char __kernel_physical_start[];
extern "C" char __kernel_physical_end[];

namespace memory {
namespace {

// Real-mode interrupt vectors, the BIOS data area, the EBDA, VGA memory and the BIOS itself.
// Nothing below 1 MiB is handed out, so physical address 0 is never a valid frame either.
constexpr PhysicalRange LOW_MEMORY{0, 0x100000};

// --- TEMPORARY: a minimal walk of the Multiboot2 tags, until the boot information parser ---
// --- (kernel/boot_info) is merged; then this block is replaced by a call to it.          ---
constexpr uint32_t TAG_END = 0;
constexpr uint32_t TAG_MODULE = 3;
constexpr uint32_t TAG_MEMORY_MAP = 6;
constexpr uint32_t MEMORY_AVAILABLE = 1;

struct Tag {
    uint32_t type;
    uint32_t size;
};
struct ModuleTag {
    Tag tag;
    uint32_t start;
    uint32_t end;
};
struct MemoryMapTag {
    Tag tag;
    uint32_t entry_size;
    uint32_t entry_version;
};
struct MemoryMapEntry {
    uint64_t base;
    uint64_t length;
    uint32_t type;
    uint32_t reserved;
};

void add_memory_map(const MemoryMapTag& tag, MemoryMap& map) {
    if (tag.entry_size < sizeof(MemoryMapEntry))
        return;
    auto* bytes = reinterpret_cast<const uint8_t*>(&tag);
    for (uint32_t offset = sizeof tag; offset + tag.entry_size <= tag.tag.size;
         offset += tag.entry_size) {
        auto* entry = reinterpret_cast<const MemoryMapEntry*>(bytes + offset);
        if (entry->type == MEMORY_AVAILABLE && entry->length > 0)
            map.add_usable({entry->base, entry->base + entry->length});
    }
}

uint32_t walk_boot_information(uintptr_t physical, MemoryMap& map) {
    VERIFY(physical + 8 <= BOOT_MAPPED_BYTES);
    auto* bytes = static_cast<const uint8_t*>(physical_to_virtual(physical));
    uint32_t total_size = *reinterpret_cast<const uint32_t*>(bytes);
    VERIFY(physical + total_size <= BOOT_MAPPED_BYTES);
    for (uint32_t offset = 8; offset + sizeof(Tag) <= total_size;) {
        auto* tag = reinterpret_cast<const Tag*>(bytes + offset);
        if (tag->type == TAG_END || tag->size < sizeof(Tag) || tag->size > total_size - offset)
            break;
        if (tag->type == TAG_MEMORY_MAP && tag->size >= sizeof(MemoryMapTag))
            add_memory_map(*reinterpret_cast<const MemoryMapTag*>(tag), map);
        if (tag->type == TAG_MODULE && tag->size >= sizeof(ModuleTag)) {
            auto* module = reinterpret_cast<const ModuleTag*>(tag);
            map.add_reserved({module->start, module->end});
        }
        offset += (tag->size + 7) & ~7u;
    }
    return total_size;
}
// --- end of TEMPORARY ---------------------------------------------------------------------

} // namespace

void MemoryMap::add_usable(PhysicalRange range) {
    if (usable_count == MAXIMUM_RANGES)
        panic("memory map: more than %u usable ranges", static_cast<unsigned>(MAXIMUM_RANGES));
    usable[usable_count++] = range;
}

void MemoryMap::add_reserved(PhysicalRange range) {
    if (reserved_count == MAXIMUM_RANGES)
        panic("memory map: more than %u reserved ranges", static_cast<unsigned>(MAXIMUM_RANGES));
    reserved[reserved_count++] = range;
}

uint64_t MemoryMap::highest_usable_address() const {
    uint64_t highest = 0;
    for (const PhysicalRange& range : usable_ranges())
        highest = range.end > highest ? range.end : highest;
    return highest;
}

uint64_t MemoryMap::usable_bytes() const {
    uint64_t bytes = 0;
    for (const PhysicalRange& range : usable_ranges())
        bytes += range.size();
    return bytes;
}

PhysicalRange kernel_image_range() {
    return {reinterpret_cast<uintptr_t>(__kernel_physical_start),
            reinterpret_cast<uintptr_t>(__kernel_physical_end)};
}

void collect_memory_map(uintptr_t boot_information_physical, MemoryMap& map) {
    map.add_reserved(LOW_MEMORY);
    map.add_reserved(kernel_image_range());
    uint32_t information_size = walk_boot_information(boot_information_physical, map);
    map.add_reserved({boot_information_physical, boot_information_physical + information_size});
    if (map.usable_count == 0)
        panic("the boot loader reported no usable memory");
}

} // namespace memory
