// See physical_range.h.
#include "kernel/memory/physical_range.h"

namespace memory {
namespace {

uint64_t round_down(uint64_t value) {
    return value & ~(FRAME_SIZE - 1);
}
uint64_t round_up(uint64_t value) {
    return round_down(value + FRAME_SIZE - 1);
}

// The first reserved range that overlaps `candidate`, or nullptr.
const PhysicalRange* first_overlap(libk::Span<const PhysicalRange> reserved,
                                   const PhysicalRange& candidate) {
    for (const PhysicalRange& range : reserved) {
        if (frames_touching(range).overlaps(candidate))
            return &range;
    }
    return nullptr;
}

} // namespace

PhysicalRange whole_frames_inside(const PhysicalRange& range) {
    PhysicalRange inside{round_up(range.start), round_down(range.end)};
    if (inside.end < inside.start)
        inside.end = inside.start;
    return inside;
}

PhysicalRange frames_touching(const PhysicalRange& range) {
    return {round_down(range.start), round_up(range.end)};
}

libk::ErrorOr<uint64_t> find_free_placement(libk::Span<const PhysicalRange> usable,
                                            libk::Span<const PhysicalRange> reserved, uint64_t size,
                                            uint64_t limit) {
    if (size == 0)
        return libk::Error::InvalidArgument;
    size = round_up(size);
    for (const PhysicalRange& range : usable) {
        PhysicalRange frames = whole_frames_inside(range);
        uint64_t end = frames.end < limit ? frames.end : round_down(limit);
        uint64_t candidate = frames.start;
        // Each step either succeeds or moves past one reserved range, so this ends.
        while (candidate + size <= end) {
            const PhysicalRange* blocker = first_overlap(reserved, {candidate, candidate + size});
            if (blocker == nullptr)
                return candidate;
            candidate = round_up(blocker->end);
        }
    }
    return libk::Error::OutOfMemory;
}

} // namespace memory
