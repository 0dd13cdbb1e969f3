// The process reaper: a kernel thread that collects user threads after they have ended. A thread
// cannot free the kernel stack it is running on, nor return its process's memory while it still
// runs in that address space, so the work is handed to this thread, which waits (join) until
// the ended thread is off the CPU for good. For each thread it frees the user stack; after the
// last thread of a process it calls lifecycle::finish_process.
#pragma once

class UserThread;

namespace reaper {

// Starts the reaper thread. Once, at boot, before the first process.
void initialize();

// Hands over an ended thread (with the reference the list of all user threads held).
// Interrupts disabled.
void collect(UserThread& thread);

} // namespace reaper
