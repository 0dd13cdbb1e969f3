// The program break: the end of the heap, moved by the brk system call.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace userlib {

// Moves the break by `increment` bytes and returns the old break (the start of the new
// memory), or nullptr with errno = ENOMEM. The caller holds the Heap library lock.
void* move_program_break(intptr_t increment);

} // namespace userlib
