// The kernel's error codes: what went wrong, as a value a caller can test and pass on.
// Functions that can fail return ErrorOr<T> (libk/error_or.h) holding either a result or one of
// these; panic() is only for broken kernel invariants, never for an error a caller can handle.
#pragma once

#include "libk/types.h"

namespace libk {

enum class Error : uint8_t {
    OutOfMemory,     // no free physical frame, heap space or address range left
    InvalidArgument, // a size, alignment or flag the operation cannot accept
    BadAddress,      // an address outside the range the operation may touch
    AlreadyMapped,   // mapping a virtual page that already has a frame
    NotMapped,       // a virtual page with no frame behind it
    NotAccessible,   // a mapped page whose permissions forbid the access
    DoubleFree,      // freeing memory that is already free
    NotAllocated,    // freeing memory the allocator never handed out
    HeapCorrupted,   // a heap block's canaries or free-memory poison were overwritten
    TooLong,         // a string did not fit in the buffer meant for it
    WouldBlock,      // the operation would have to wait (try_lock on a mutex someone holds)
    WouldDeadlock,   // waiting would never end (locking a mutex you own, joining yourself)
    NotOwner,        // releasing a mutex the caller does not own
    NoSuchThread,    // no thread has this id (any more)
    AlreadyJoined,   // another thread is already joining this one
    // Processes, handles and the objects behind them (the system-call boundary maps each one to
    // its POSIX error number: kernel/syscall/errors.cpp).
    NoSuchFile,       // no file, program or named object by that name
    IsDirectory,      // a file was wanted, the name is a directory
    NotDirectory,     // a path goes on (or ends in '/') after the name of a regular file
    ReadOnly,         // writing to something that can only be read (the initrd)
    NotExecutable,    // not a program this kernel can load
    ArgumentsTooLong, // too many or too long program arguments
    BadHandle,        // not an open handle of the calling process
    WrongKind,        // a handle to an object of another kind than the operation needs
    TooManyHandles,   // the process's handle table is full
    NoSuchProcess,    // no process has this id
    NoChild,          // no child process to wait for
    NotPermitted,     // the operation is not allowed on this object
    AlreadyExists,    // creating a named object whose name is taken
    Busy,             // the object is in use (a locked mutex, a mapped shared memory object)
    Overflow,         // a count would pass its maximum
    AccessDenied,     // the handle does not allow this access
    NotMappable,      // the object cannot be mapped into memory
    BeyondEnd,        // a range reaches past the end of the object
    TooLarge,         // a size above the object's maximum
    Interrupted,      // a wait ended because the waiting thread's process is ending
    LimitReached,     // a fixed limit (threads, processes) is reached: try again later
    NoSuchSystemCall, // a system call number that does not exist
    Inconsistent,     // the kernel's self-check found a broken invariant
};

// A short English description for reports ("out of memory").
const char* error_description(Error error);

} // namespace libk
