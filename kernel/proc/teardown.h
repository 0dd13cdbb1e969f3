// Returning what a process owns. The reaper calls these once the threads concerned are off the
// CPU for good (reaper.h), so nothing of the process runs while its resources go.
#pragma once

#include "libk/error_or.h"

class Process;
class UserThread;

// Closes one handle: the slot is emptied, every thread of the process blocked through it is woken
// with BadHandle (blocking.h), and the object is told (a mutex ends: see user_mutex.h). Calls
// running through the handle that do not block finish with the reference they hold. BadHandle
// when it is not open. Used by the close system call, and at the end of a process.
libk::ErrorOr<void> close_handle(Process& process, int handle);

// Closes every handle of the process, as close_handle does.
void close_all_handles(Process& process);

// Unmaps the user stack of a thread that has ended while its process goes on.
void free_thread_stack(Process& process, UserThread& thread);

// Everything at once, after the last thread: handles, shared-memory mappings, thread stacks,
// and the address space with all its frames and page tables.
void return_resources(Process& process);
