// See file_object.h.
#include "kernel/proc/file_object.h"
#include "kernel/proc/process.h"

libk::ErrorOr<size_t> FileObject::read(Process& caller, uintptr_t buffer, size_t count) {
    MutexLocker locker(m_lock);
    size_t left = m_size - m_position;
    size_t length = count < left ? count : left;
    TRY(caller.copy_to_user(buffer, m_data + m_position, length));
    m_position += length;
    return length;
}
