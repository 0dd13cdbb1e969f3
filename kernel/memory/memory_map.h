// The physical memory the kernel may use, gathered once at boot: the usable RAM the boot loader
// reports, and what inside it is already taken (the first MiB, the kernel image, the boot
// information, the modules, the frame allocator's own bookkeeping).
#pragma once

#include "kernel/memory/physical_range.h"

namespace memory {

struct MemoryMap {
    static constexpr size_t MAXIMUM_RANGES = 48;

    PhysicalRange usable[MAXIMUM_RANGES];
    size_t usable_count = 0;
    PhysicalRange reserved[MAXIMUM_RANGES];
    size_t reserved_count = 0;

    // Adding to a full list is a panic: the limits are far above what any boot loader reports.
    void add_usable(PhysicalRange range);
    void add_reserved(PhysicalRange range);

    libk::Span<const PhysicalRange> usable_ranges() const { return {usable, usable_count}; }
    libk::Span<const PhysicalRange> reserved_ranges() const { return {reserved, reserved_count}; }

    // The end of the highest usable range (0 if there is none).
    uint64_t highest_usable_address() const;
    uint64_t usable_bytes() const;
};

// Reads the boot loader's memory map and module list (kernel/boot_info) and adds the kernel's
// own reservations.
void collect_memory_map(MemoryMap& map);

// The kernel image in physical memory, from the linker script's symbols.
PhysicalRange kernel_image_range();

} // namespace memory
