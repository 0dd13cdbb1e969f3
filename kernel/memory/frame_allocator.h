// The physical frame allocator: hands out 4 KiB frames of RAM and takes them back.
//
// Free frames sit on a stack of frame numbers, so allocating and freeing are O(1) and never scan
// memory. Two bitmaps record each frame's state: "managed" (usable RAM that is not reserved) and
// "allocated". They let free() refuse a frame that is already free (a double free) or that the
// allocator never manages (reserved memory, a hole, a made-up address).
//
// This is the pure logic: it works on any storage the caller provides and touches no hardware,
// so host tests run it over a fake physical memory. kernel/memory/frames.h wraps it for the
// kernel, where misuse is a panic.
#pragma once

#include "kernel/memory/physical_range.h"
#include "libk/bitmap.h"

namespace memory {

class FrameAllocator {
public:
    // The number of frames to manage: up to the end of the highest usable range, but never at or
    // above `ceiling` (memory the kernel cannot reach is left out).
    static uint32_t frame_limit(libk::Span<const PhysicalRange> usable, uint64_t ceiling);

    // Bytes of bookkeeping needed for `frame_limit` frames (two bitmaps and the stack).
    static size_t storage_bytes(uint32_t frame_limit);

    // Sets up the allocator: every frame below `frame_limit` that lies in a usable range and
    // touches no reserved range becomes free. The caller must reserve `storage` itself if it
    // lies in usable memory. Fails with InvalidArgument if `storage_size` is too small.
    libk::ErrorOr<void> initialize(libk::Span<const PhysicalRange> usable,
                                   libk::Span<const PhysicalRange> reserved, uint32_t frame_limit,
                                   void* storage, size_t storage_size);

    // A free frame, now allocated; OutOfMemory when none is left.
    libk::ErrorOr<PhysicalAddress> allocate();

    // Returns an allocated frame. Fails with DoubleFree for a free frame, NotAllocated
    // for a frame outside managed memory, InvalidArgument for an address inside a frame.
    libk::ErrorOr<void> free(PhysicalAddress frame);

    bool is_allocated(PhysicalAddress frame) const;

    // Frames that are managed at all, and of those, the ones free now.
    uint32_t total_frames() const { return m_total_frames; }
    uint32_t free_frames() const { return m_free_count; }

private:
    void mark_usable(const PhysicalRange& range);
    void unmark_reserved(const PhysicalRange& range);
    void push_managed_frames();

    uint32_t m_frame_limit = 0;
    libk::Bitmap m_managed;
    libk::Bitmap m_allocated;
    // m_free_stack[0 .. m_free_count) are the numbers of the free frames; the top is the next one
    // handed out.
    uint32_t* m_free_stack = nullptr;
    uint32_t m_free_count = 0;
    uint32_t m_total_frames = 0;
};

} // namespace memory
