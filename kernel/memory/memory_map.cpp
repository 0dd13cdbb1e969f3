// See memory_map.h.
#include "kernel/memory/memory_map.h"
#include "kernel/boot_info/boot_info.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/layout.h"

extern "C" char __kernel_physical_start[];
extern "C" char __kernel_physical_end[];

namespace memory {
namespace {

// Real-mode interrupt vectors, the BIOS data area, the EBDA, VGA memory and the BIOS itself.
// Nothing below 1 MiB is handed out, so physical address 0 is never a valid frame either.
constexpr PhysicalRange LOW_MEMORY{0, 0x100000};

// The boot loader's view: the available regions of the memory map, or, without a map, the
// two "basic memory" figures (memory from 0, and memory from 1 MiB up to the first hole).
void add_usable_memory(const multiboot2::BootInformation& information, MemoryMap& map) {
    if (information.has_memory_map) {
        for (size_t index = 0; index < information.memory_region_count; ++index) {
            const multiboot2::MemoryRegion& region = information.memory_regions[index];
            if (region.is_available())
                map.add_usable({region.base, region.base + region.length});
        }
    } else if (information.has_basic_memory) {
        map.add_usable({0, uint64_t{information.lower_memory_kib} * 1024});
        map.add_usable({0x100000, 0x100000 + uint64_t{information.upper_memory_kib} * 1024});
    }
}

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

void collect_memory_map(MemoryMap& map) {
    const multiboot2::BootInformation& information = boot_info::information();
    add_usable_memory(information, map);
    map.add_reserved(LOW_MEMORY);
    map.add_reserved(kernel_image_range());
    uint64_t information_start = boot_info::information_physical();
    map.add_reserved({information_start, information_start + information.total_size});
    for (size_t index = 0; index < information.module_count; ++index)
        map.add_reserved({information.modules[index].start, information.modules[index].end});
    if (map.usable_count == 0)
        panic("the boot loader reported no usable memory");
}

} // namespace memory
