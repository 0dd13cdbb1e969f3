// See errors.h. Where a call's contract asks for another number than the usual one (EBADF for a
// write on a read-only handle, ENODEV for mmap of a non-memory object), the call maps the error
// itself before it gets here.
#include "kernel/syscall/errors.h"
#include "libk/abi/errors.h"

namespace system_call {

int error_number(libk::Error error) {
    switch (error) {
    case libk::Error::OutOfMemory:
    case libk::Error::AlreadyMapped:
        return ENOMEM;
    case libk::Error::BadAddress:
    case libk::Error::NotMapped:
    case libk::Error::NotAccessible:
        return EFAULT;
    case libk::Error::TooLong:
        return ENAMETOOLONG;
    case libk::Error::WouldBlock:
    case libk::Error::LimitReached:
        return EAGAIN;
    case libk::Error::WouldDeadlock:
        return EDEADLK;
    case libk::Error::NotOwner:
    case libk::Error::NotPermitted:
        return EPERM;
    case libk::Error::NoSuchThread:
    case libk::Error::NoSuchProcess:
        return ESRCH;
    case libk::Error::NoSuchFile:
        return ENOENT;
    case libk::Error::IsDirectory:
        return EISDIR;
    case libk::Error::NotDirectory:
        return ENOTDIR;
    case libk::Error::ReadOnly:
        return EROFS;
    case libk::Error::NotExecutable:
        return ENOEXEC;
    case libk::Error::ArgumentsTooLong:
        return E2BIG;
    case libk::Error::BadHandle:
        return EBADF;
    case libk::Error::TooManyHandles:
        return EMFILE;
    case libk::Error::NoChild:
        return ECHILD;
    case libk::Error::AlreadyExists:
        return EEXIST;
    case libk::Error::Busy:
        return EBUSY;
    case libk::Error::Overflow:
        return EOVERFLOW;
    case libk::Error::AccessDenied:
        return EACCES;
    case libk::Error::NotMappable:
        return ENODEV;
    case libk::Error::BeyondEnd:
        return ENXIO;
    case libk::Error::TooLarge:
        return EFBIG;
    case libk::Error::Interrupted:
        return EINTR;
    case libk::Error::NoSuchSystemCall:
        return ENOSYS;
    case libk::Error::Inconsistent:
        return EIO;
    case libk::Error::InvalidArgument:
    case libk::Error::WrongKind:
    case libk::Error::AlreadyJoined:
    case libk::Error::DoubleFree:
    case libk::Error::NotAllocated:
    case libk::Error::HeapCorrupted:
        return EINVAL;
    }
    return EINVAL;
}

} // namespace system_call
