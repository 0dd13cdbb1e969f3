// See user/lib/internal/caller_memory.h. Every copy is one copy_memory call per
// ABI_COPY_MEMORY_MAX bytes; the pointers it serves carry a few words, so that is one call.
#include "user/lib/internal/caller_memory.h"
#include "user/lib/internal/system_call.h"
#include <errno.h>
#include <libk/abi/types.h>

namespace userlib {
namespace {

constexpr uintptr_t PAGE_SIZE = 4096;

int copy(void* destination, const void* source, size_t size) {
    auto* to = static_cast<char*>(destination);
    auto* from = static_cast<const char*>(source);
    while (size > 0) {
        size_t piece = size < ABI_COPY_MEMORY_MAX ? size : ABI_COPY_MEMORY_MAX;
        int error = error_number(system_call(SYSCALL_COPY_MEMORY, to, from, piece));
        if (error != 0)
            return error;
        to += piece;
        from += piece;
        size -= piece;
    }
    return 0;
}

} // namespace

int copy_to_caller(void* destination, const void* source, size_t size) {
    return copy(destination, source, size);
}

int copy_from_caller(void* destination, const void* source, size_t size) {
    return copy(destination, source, size);
}

int check_writable(void* pointer, size_t size) {
    return copy(pointer, pointer, size);
}

int copy_string_from_caller(char* destination, const char* source, size_t capacity) {
    size_t copied = 0;
    while (copied < capacity) {
        // Never past the end of the page the next byte is on: the string may end just before
        // an unmapped page, which is no fault.
        uintptr_t address = reinterpret_cast<uintptr_t>(source + copied);
        size_t piece = PAGE_SIZE - address % PAGE_SIZE;
        if (piece > capacity - copied)
            piece = capacity - copied;
        if (piece > ABI_COPY_MEMORY_MAX)
            piece = ABI_COPY_MEMORY_MAX;
        int error = copy(destination + copied, source + copied, piece);
        if (error != 0)
            return error;
        for (size_t index = copied; index < copied + piece; ++index) {
            if (destination[index] == '\0')
                return 0;
        }
        copied += piece;
    }
    return ENAMETOOLONG;
}

} // namespace userlib
