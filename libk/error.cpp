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
    case Error::NoSuchFile:
        return "no such file";
    case Error::IsDirectory:
        return "is a directory";
    case Error::NotDirectory:
        return "not a directory";
    case Error::ReadOnly:
        return "read-only";
    case Error::NotExecutable:
        return "not an executable";
    case Error::ArgumentsTooLong:
        return "argument list too long";
    case Error::BadHandle:
        return "bad handle";
    case Error::WrongKind:
        return "wrong kind of object";
    case Error::TooManyHandles:
        return "too many open handles";
    case Error::NoSuchProcess:
        return "no such process";
    case Error::NoChild:
        return "no child process";
    case Error::NotPermitted:
        return "not permitted";
    case Error::AlreadyExists:
        return "already exists";
    case Error::Busy:
        return "busy";
    case Error::Overflow:
        return "value too large";
    case Error::AccessDenied:
        return "access denied";
    case Error::NotMappable:
        return "cannot be mapped";
    case Error::BeyondEnd:
        return "beyond the end";
    case Error::TooLarge:
        return "too large";
    case Error::Interrupted:
        return "interrupted";
    case Error::LimitReached:
        return "limit reached";
    case Error::NoSuchSystemCall:
        return "no such system call";
    case Error::Inconsistent:
        return "kernel invariant broken";
    }
    return "unknown error";
}

} // namespace libk
