// SharedMemory: a named piece of memory that several processes map at once (shm_open, ftruncate,
// mmap with MAP_SHARED). The object owns its frames; each mapping maps the same frames into one
// address space (user_memory.h), so a byte written by one process is at once visible to all.
// The frames are freed with the object, when its last handle is closed and its last mapping
// removed (each mapping holds a reference). The object, its frame array and its frames are
// charged to the process that created it (named_calls.cpp), as long as the object exists.
#pragma once

#include "kernel/memory/memory_account.h"
#include "kernel/memory/physical_range.h"
#include "kernel/proc/kernel_object.h"
#include "kernel/sync/mutex.h"

class SharedMemory final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::SharedMemory;

    SharedMemory() : KernelObject(ObjectKind::SharedMemory) {}
    ~SharedMemory() override;

    // Serializes resize() with mmap, which reads the size and the frames. Held by callers of
    // the functions below.
    Mutex& lock() { return m_lock; }

    size_t size() const { return m_size; }
    // Sets the size in bytes; new bytes are zero. TooLarge above ABI_SHARED_MEMORY_MAX, Busy when
    // shrinking while mapped, OutOfMemory (nothing changed then).
    libk::ErrorOr<void> resize(size_t size);
    // The frame behind page `index` (index < size in pages).
    memory::PhysicalAddress frame(size_t index) const { return m_frames[index]; }

    // Mappings that exist now (lock held).
    size_t mapping_count() const { return m_mappings; }
    void add_mapping() { ++m_mappings; }
    void remove_mapping() { --m_mappings; }

private:
    libk::ErrorOr<void> replace_frames(size_t count);
    libk::ErrorOr<memory::PhysicalAddress> allocate_frame();
    void free_frame(memory::PhysicalAddress frame);
    memory::MemoryAccount* account_of_creator() const;
    // What the frame array of `count` frames is charged (the array of a size-0 object is not).
    static size_t frame_array_bytes(size_t count);

    Mutex m_lock{"shared memory"};
    size_t m_size = 0;
    size_t m_page_count = 0;
    memory::PhysicalAddress* m_frames = nullptr; // m_page_count entries, from the kernel heap
    size_t m_mappings = 0;
};
