// See shared_memory.h.
#include "kernel/proc/shared_memory.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/layout.h"
#include "kernel/proc/process.h"
#include "libk/abi/types.h"
#include "libk/new.h"

namespace {

size_t pages_for(size_t bytes) {
    return (bytes + memory::PAGE_SIZE - 1) / memory::PAGE_SIZE;
}

} // namespace

SharedMemory::~SharedMemory() {
    for (size_t index = 0; index < m_page_count; ++index)
        free_frame(m_frames[index]);
    delete[] m_frames;
    uncharge(frame_array_bytes(m_page_count));
}

// The object's frames are charged to the process that created it (KernelObject::charge_to),
// whoever resizes it.
libk::ErrorOr<memory::PhysicalAddress> SharedMemory::allocate_frame() {
    memory::MemoryAccount* account = account_of_creator();
    return account != nullptr ? memory::allocate_frame(*account) : memory::allocate_frame();
}

void SharedMemory::free_frame(memory::PhysicalAddress frame) {
    memory::MemoryAccount* account = account_of_creator();
    if (account != nullptr)
        memory::free_frame(frame, *account);
    else
        memory::free_frame(frame);
}

memory::MemoryAccount* SharedMemory::account_of_creator() const {
    return charged_process() != nullptr ? charged_process()->memory_account() : nullptr;
}

size_t SharedMemory::frame_array_bytes(size_t count) {
    return count == 0 ? 0 : count * sizeof(memory::PhysicalAddress);
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
    // Frames the program may not have are refused before any is touched.
    if (count > kept && !memory::reserve_allows(static_cast<uint32_t>(count - kept)))
        return libk::Error::OutOfMemory;
    TRY(charge_more(frame_array_bytes(count)));
    auto* frames = new (std::nothrow) memory::PhysicalAddress[count == 0 ? 1 : count];
    if (frames == nullptr) {
        uncharge(frame_array_bytes(count));
        return libk::Error::OutOfMemory;
    }
    for (size_t index = 0; index < kept; ++index)
        frames[index] = m_frames[index];
    for (size_t index = kept; index < count; ++index) {
        libk::ErrorOr<memory::PhysicalAddress> frame = allocate_frame();
        if (frame.is_error()) {
            for (size_t undo = kept; undo < index; ++undo)
                free_frame(frames[undo]);
            delete[] frames;
            uncharge(frame_array_bytes(count));
            return libk::Error::OutOfMemory;
        }
        memory::clear_page(memory::physical_to_virtual(frame.value()));
        frames[index] = frame.value();
    }
    for (size_t index = count; index < m_page_count; ++index)
        free_frame(m_frames[index]);
    delete[] m_frames;
    uncharge(frame_array_bytes(m_page_count));
    m_frames = frames;
    m_page_count = count;
    return {};
}
