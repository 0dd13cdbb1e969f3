// See frame_allocator.h.
#include "kernel/memory/frame_allocator.h"

namespace memory {
namespace {

constexpr uint64_t FRAMES_IN_4_GIB = uint64_t{1} << 20;

uint32_t frame_number(uint64_t address) {
    return static_cast<uint32_t>(address / FRAME_SIZE);
}

// The frame numbers [first, end) of the frames in `range`, clipped to `limit`.
void clip(const PhysicalRange& range, uint32_t limit, uint32_t& first, uint32_t& end) {
    uint64_t first_frame = range.start / FRAME_SIZE;
    uint64_t end_frame = range.end / FRAME_SIZE;
    first = static_cast<uint32_t>(first_frame < limit ? first_frame : limit);
    end = static_cast<uint32_t>(end_frame < limit ? end_frame : limit);
}

} // namespace

uint32_t FrameAllocator::frame_limit(libk::Span<const PhysicalRange> usable, uint64_t ceiling) {
    uint64_t highest = 0;
    for (const PhysicalRange& range : usable) {
        PhysicalRange frames = whole_frames_inside(range);
        if (frames.size() > 0 && frames.end > highest)
            highest = frames.end;
    }
    if (highest > ceiling)
        highest = ceiling;
    uint64_t frames = highest / FRAME_SIZE;
    return static_cast<uint32_t>(frames < FRAMES_IN_4_GIB ? frames : FRAMES_IN_4_GIB);
}

size_t FrameAllocator::storage_bytes(uint32_t frame_limit) {
    size_t bitmap_bytes = libk::Bitmap::words_for(frame_limit) * sizeof(uint32_t);
    return 2 * bitmap_bytes + size_t{frame_limit} * sizeof(uint32_t);
}

libk::ErrorOr<void> FrameAllocator::initialize(libk::Span<const PhysicalRange> usable,
                                               libk::Span<const PhysicalRange> reserved,
                                               uint32_t frame_limit, void* storage,
                                               size_t storage_size) {
    if (storage == nullptr || storage_size < storage_bytes(frame_limit))
        return libk::Error::InvalidArgument;
    auto* words = static_cast<uint32_t*>(storage);
    size_t bitmap_words = libk::Bitmap::words_for(frame_limit);
    m_frame_limit = frame_limit;
    m_managed = libk::Bitmap(words, frame_limit);
    m_allocated = libk::Bitmap(words + bitmap_words, frame_limit);
    m_free_stack = words + 2 * bitmap_words;
    m_managed.clear_all();
    m_allocated.clear_all();

    // Usable first, then reserved: where the map lists a range as both, reserved wins.
    for (const PhysicalRange& range : usable)
        mark_usable(whole_frames_inside(range));
    for (const PhysicalRange& range : reserved)
        unmark_reserved(frames_touching(range));
    push_managed_frames();
    return {};
}

void FrameAllocator::mark_usable(const PhysicalRange& range) {
    uint32_t first, end;
    clip(range, m_frame_limit, first, end);
    for (uint32_t frame = first; frame < end; ++frame)
        m_managed.set(frame);
}

void FrameAllocator::unmark_reserved(const PhysicalRange& range) {
    uint32_t first, end;
    clip(range, m_frame_limit, first, end);
    for (uint32_t frame = first; frame < end; ++frame)
        m_managed.clear(frame);
}

// Pushed from the highest frame down, so the first allocations return the lowest frames: the
// order is predictable, which makes boot and test logs easy to compare.
void FrameAllocator::push_managed_frames() {
    m_free_count = 0;
    for (uint32_t frame = m_frame_limit; frame-- > 0;) {
        if (m_managed.get(frame))
            m_free_stack[m_free_count++] = frame;
    }
    m_total_frames = m_free_count;
}

libk::ErrorOr<PhysicalAddress> FrameAllocator::allocate() {
    if (m_free_count == 0)
        return libk::Error::OutOfMemory;
    uint32_t frame = m_free_stack[--m_free_count];
    m_allocated.set(frame);
    return static_cast<PhysicalAddress>(frame * FRAME_SIZE);
}

libk::ErrorOr<void> FrameAllocator::free(PhysicalAddress address) {
    if (address % FRAME_SIZE != 0)
        return libk::Error::InvalidArgument;
    uint32_t frame = frame_number(address);
    if (frame >= m_frame_limit || !m_managed.get(frame))
        return libk::Error::NotAllocated;
    if (!m_allocated.get(frame))
        return libk::Error::DoubleFree;
    m_allocated.clear(frame);
    m_free_stack[m_free_count++] = frame;
    return {};
}

bool FrameAllocator::is_allocated(PhysicalAddress address) const {
    uint32_t frame = frame_number(address);
    return frame < m_frame_limit && m_allocated.get(frame);
}

} // namespace memory
