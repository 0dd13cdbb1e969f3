// Blocking that a process's end can cut short. A user thread that waits in the kernel (for a
// mutex, a semaphore, a child, a thread, input, or time) must stop waiting when its process is
// killed, or the process could never end; so every such wait goes through here, records where
// the thread waits, and comes back with Interrupted when lifecycle::end_process took it out.
//
// A wait through a handle (a mutex, a semaphore, a thread to join) also ends when a thread of
// the same process closes that handle: the waiter's call fails with BadHandle (EBADF), as the
// handle it named is gone. Without that rule a waiter could be left blocked for good, on an
// object nobody can reach any more (docs/processes.md, "Closing a handle").
//
// The kernel's own locks (a process's memory lock, the console's output lock) are held only
// briefly and never wait for user code, so they use plain Mutex waits and are not interrupted.
//
// Kernel threads (a kernel test waiting for a child) use the same calls; they are never
// interrupted.
#pragma once

#include "kernel/sync/wait_queue.h"
#include "libk/error_or.h"

class KernelObject;
class Process;
class UserThread;

namespace blocking {

// Blocks the caller in `queue` until a waker takes it out. `what` and `number` say what it waits
// for, for ps ("mutex", 3). Interrupted, without waiting, if the caller's process is ending.
// Called with interrupts disabled, right after the caller checked its condition (WaitQueue's
// rule), and returns with them disabled.
libk::ErrorOr<void> wait(WaitQueue& queue, const char* what, int number = -1);

// The same, for a wait on `object`, which the caller reached through `handle` of its process.
// BadHandle, without waiting, if the handle no longer names `object` (another thread closed it
// while this call was on its way here), or later when the handle is closed during the wait.
libk::ErrorOr<void> wait_on_handle(WaitQueue& queue, const char* what, int handle,
                                   const KernelObject& object);

// `handle` of `process` has just been closed: every thread of the process waiting through it is
// taken out of its queue and made ready, and its wait returns BadHandle. Interrupts disabled.
void cancel_waits_on_handle(Process& process, int handle);

// Sleeps at least `milliseconds` (0 yields). Interrupted when the caller's process ends first.
libk::ErrorOr<void> sleep_ms(uint32_t milliseconds);

// Takes `thread` out of whatever interruptible wait or sleep it is in and makes it ready; its
// wait returns Interrupted. Nothing happens if it does not wait (or was already taken out).
// Interrupts disabled.
void interrupt(UserThread& thread);

} // namespace blocking
