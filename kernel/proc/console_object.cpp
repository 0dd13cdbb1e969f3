// See console_object.h.
#include "kernel/proc/console_object.h"
#include "kernel/console/console.h"
#include "kernel/proc/console_input.h"
#include "kernel/proc/process.h"
#include "libk/new.h"

namespace {

// Bytes copied from the program per console write: a line of the user library's stdio (1024
// bytes) leaves in one piece.
constexpr size_t CHUNK_SIZE = 1024;

} // namespace

ConsoleObject& ConsoleObject::instance() {
    // Static storage, no destructor: the object lives as long as the kernel, with a reference
    // of its own that is never released.
    alignas(ConsoleObject) static uint8_t storage[sizeof(ConsoleObject)];
    static ConsoleObject* console = new (storage) ConsoleObject();
    return *console;
}

libk::ErrorOr<size_t> ConsoleObject::read(Process& caller, uintptr_t buffer, size_t count) {
    return console_input::read(caller, buffer, count);
}

libk::ErrorOr<size_t> ConsoleObject::write(Process& caller, uintptr_t buffer, size_t count) {
    TRY(caller.check_user_range(buffer, count, memory::AddressSpace::Access::Read));
    auto* chunk = new (std::nothrow) char[CHUNK_SIZE];
    if (chunk == nullptr)
        return libk::Error::OutOfMemory;
    MutexLocker locker(m_output_lock);
    size_t written = 0;
    while (written < count) {
        size_t length = count - written < CHUNK_SIZE ? count - written : CHUNK_SIZE;
        // Another thread of the program may unmap the buffer meanwhile: stop there.
        if (caller.copy_from_user(chunk, buffer + written, length).is_error())
            break;
        console::write(chunk, length);
        written += length;
    }
    delete[] chunk;
    if (written == 0 && count > 0)
        return libk::Error::BadAddress;
    return written;
}
