// FileObject: an initrd file opened for reading (open). Each open makes its own object, so each
// handle has its own read position; the bytes are read straight from the archive.
#pragma once

#include "kernel/proc/kernel_object.h"
#include "kernel/sync/mutex.h"

class FileObject final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::File;

    FileObject(const uint8_t* data, size_t size)
        : KernelObject(ObjectKind::File), m_data(data), m_size(size) {}

    // Reads from the position on and advances it; 0 at the end of the file.
    libk::ErrorOr<size_t> read(Process& caller, uintptr_t buffer, size_t count) override;
    libk::ErrorOr<size_t> write(Process&, uintptr_t, size_t) override {
        return libk::Error::ReadOnly;
    }

private:
    const uint8_t* m_data;
    size_t m_size;
    Mutex m_lock{"file position"}; // protects m_position across the copy
    size_t m_position = 0;
};
