// See error.h.
#include "libk/error.h"

namespace libk {

const char* error_description(Error error) {
    switch (error) {
    case Error::OutOfMemory:
        return "out of memory";
    case Error::InvalidArgument:
        return "invalid argument";
    case Error::BadAddress:
        return "bad address";
    case Error::AlreadyMapped:
        return "page already mapped";
    case Error::NotMapped:
        return "page not mapped";
    case Error::NotAccessible:
        return "page not accessible";
    case Error::DoubleFree:
        return "already free (double free)";
    case Error::NotAllocated:
        return "never handed out by the allocator";
    case Error::HeapCorrupted:
        return "heap corrupted";
    case Error::TooLong:
        return "too long";
    case Error::WouldBlock:
        return "would block";
    case Error::WouldDeadlock:
        return "would deadlock";
    case Error::NotOwner:
        return "not the owner";
    case Error::NoSuchThread:
        return "no such thread";
    case Error::AlreadyJoined:
        return "already being joined";
    }
    return "unknown error";
}

} // namespace libk
