// Blocking that a process's end can cut short. A user thread that waits in the kernel (for a
// mutex, a semaphore, a child, a thread, input, or time) must stop waiting when its process is
// killed, or the process could never end; so every such wait goes through here, records where
// the thread waits, and comes back with Interrupted when lifecycle::end_process took it out.
//
// The kernel's own locks (a process's memory lock, the console's output lock) are held only
// briefly and never wait for user code, so they use plain Mutex waits and are not interrupted.
//
// Kernel threads (a kernel test waiting for a child) use the same calls; they are never
// interrupted.
#pragma once

#include "kernel/sync/wait_queue.h"
#include "libk/error_or.h"

class UserThread;

namespace blocking {

// Blocks the caller in `queue` until a waker takes it out. `what` and `number` say what it waits
// for, for ps ("mutex", 3). Interrupted, without waiting, if the caller's process is ending.
// Called with interrupts disabled, right after the caller checked its condition (WaitQueue's
// rule), and returns with them disabled.
libk::ErrorOr<void> wait(WaitQueue& queue, const char* what, int number = -1);

// Sleeps at least `milliseconds` (0 yields). Interrupted when the caller's process ends first.
libk::ErrorOr<void> sleep_ms(uint32_t milliseconds);

// Takes `thread` out of whatever interruptible wait or sleep it is in and makes it ready; its
// wait returns Interrupted. Nothing happens if it does not wait. Interrupts disabled.
void interrupt(UserThread& thread);

} // namespace blocking
