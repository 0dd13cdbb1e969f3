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
};

// A short English description for reports ("out of memory").
const char* error_description(Error error);

} // namespace libk
