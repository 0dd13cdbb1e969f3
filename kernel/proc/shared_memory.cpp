// See shared_memory.h.
#include "kernel/proc/shared_memory.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/layout.h"
#include "kernel/proc/user_layout.h"
#include "libk/abi/types.h"
#include "libk/new.h"

namespace {

size_t pages_for(size_t bytes) {
    return (bytes + memory::PAGE_SIZE - 1) / memory::PAGE_SIZE;
}

} // namespace

SharedMemory::~SharedMemory() {
    for (size_t index = 0; index < m_page_count; ++index)
        memory::free_frame(m_frames[index]);
    delete[] m_frames;
}

libk::ErrorOr<void> SharedMemory::resize(size_t size) {
    if (size > ABI_SHARED_MEMORY_MAX)
        return libk::Error::TooLarge;
    size_t new_count = pages_for(size);
    if (new_count < m_page_count && m_mappings > 0)
        return libk::Error::Busy; // a mapping would keep frames the object no longer has
    if (new_count != m_page_count)
        TRY(replace_frames(new_count));
    // Bytes beyond the new size in its last page read as zero after it grows again.
    if (size < m_size && size % memory::PAGE_SIZE != 0) {
        auto* last =
            static_cast<uint8_t*>(memory::physical_to_virtual(m_frames[size / memory::PAGE_SIZE]));
        size_t offset = size % memory::PAGE_SIZE;
        __builtin_memset(last + offset, 0, memory::PAGE_SIZE - offset);
    }
    m_size = size;
    return {};
}

// A new frame array of `count` entries: the frames both sizes share are kept, new ones are
// zero-filled, surplus ones freed. All or nothing.
libk::ErrorOr<void> SharedMemory::replace_frames(size_t count) {
    size_t kept = count < m_page_count ? count : m_page_count;
    if (count > kept &&
        memory::free_frame_count() < count - kept + user_layout::FRAMES_KEPT_FOR_THE_KERNEL)
        return libk::Error::OutOfMemory;
    auto* frames = new (std::nothrow) memory::PhysicalAddress[count == 0 ? 1 : count];
    if (frames == nullptr)
        return libk::Error::OutOfMemory;
    for (size_t index = 0; index < kept; ++index)
        frames[index] = m_frames[index];
    for (size_t index = kept; index < count; ++index) {
        libk::ErrorOr<memory::PhysicalAddress> frame = memory::allocate_frame();
        if (frame.is_error()) {
            for (size_t undo = kept; undo < index; ++undo)
                memory::free_frame(frames[undo]);
            delete[] frames;
            return libk::Error::OutOfMemory;
        }
        __builtin_memset(memory::physical_to_virtual(frame.value()), 0, memory::PAGE_SIZE);
        frames[index] = frame.value();
    }
    for (size_t index = count; index < m_page_count; ++index)
        memory::free_frame(m_frames[index]);
    delete[] m_frames;
    m_frames = frames;
    m_page_count = count;
    return {};
}
