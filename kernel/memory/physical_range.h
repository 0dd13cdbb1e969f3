// Physical addresses and ranges of physical memory, as the memory map describes them.
// 32-bit x86 without PAE addresses 4 GiB, so a physical address fits in 32 bits; a range's end
// can be exactly 4 GiB, and the Multiboot2 map reports 64-bit values, so ranges use 64 bits.
#pragma once

#include "libk/error_or.h"
#include "libk/span.h"
#include "libk/types.h"

namespace memory {

using PhysicalAddress = uint32_t;

constexpr uint64_t FRAME_SIZE = 4096;

// The bytes [start, end) of physical memory.
struct PhysicalRange {
    uint64_t start;
    uint64_t end;

    uint64_t size() const { return end > start ? end - start : 0; }
    bool overlaps(const PhysicalRange& other) const {
        return start < other.end && other.start < end;
    }
};

// The whole frames inside `range` (start rounded up, end rounded down): usable memory may only
// be used in whole frames.
PhysicalRange whole_frames_inside(const PhysicalRange& range);

// The frames that touch `range` (start rounded down, end rounded up): a reserved range keeps
// every frame it touches out of the allocator.
PhysicalRange frames_touching(const PhysicalRange& range);

// Finds `size` bytes, frame-aligned, inside a usable range, below `limit`, overlapping no
// reserved range. Returns the physical start, or OutOfMemory when nothing fits.
libk::ErrorOr<uint64_t> find_free_placement(libk::Span<const PhysicalRange> usable,
                                            libk::Span<const PhysicalRange> reserved, uint64_t size,
                                            uint64_t limit);

} // namespace memory
