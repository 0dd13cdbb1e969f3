// How processes and their threads end.
//
//   1. The end is decided: end_process() records how (exit status, or the signal of a kill, a
//      fault or Ctrl-C), marks the process Ending and takes each of its blocked threads out of
//      its wait (blocking.h). The first decision wins. A process whose last thread ends decides
//      its own end (status 0).
//   2. Each thread stops on its own way back to user mode (on_return_to_user), wherever it was:
//      running user code (the next interrupt brings it into the kernel), in a system call (which
//      finishes or returns Interrupted), or waiting (woken by step 1). No thread is stopped from
//      outside in the middle of kernel code, so none dies holding a kernel lock.
//   3. The reaper (reaper.h) collects each ended thread. When it has collected the last one, it
//      returns everything the process owned (handles, memory, page tables), makes it a zombie,
//      and wakes the parent; orphans go to init.
//   4. The parent's wait() takes the wait status and the zombie leaves the process table.
#pragma once

#include "arch/interrupt_frame.h"
#include "kernel/proc/process.h"

class UserThread;

namespace lifecycle {

// Step 1: decides that `process` ends with `wait_status` (libk/abi/types.h encoding). Returns
// false, changing nothing, when its end was already decided. Interrupts disabled.
bool end_process(Process& process, int32_t wait_status);

// True when `thread` must stop instead of returning to user mode: its process is ending, or it
// called thread_exit.
bool must_end(const UserThread& thread);

// Step 2: the calling user thread ends; it never returns. Interrupts disabled.
[[noreturn]] void end_current_thread();

// The return-to-user handler (arch/interrupts.h): ends the thread if must_end().
void on_return_to_user(arch::InterruptFrame& frame);

// Step 3, called by the reaper after the last thread of `process` has been collected.
void finish_process(Process& process);

// Step 4: waits for a child of `parent` to become a zombie (any child when pid is -1), removes
// it, and returns its id and wait status. With `no_hang`, returns 0 at once when no such child
// has ended. NoChild when there is no such child; Interrupted when the caller's process ends.
libk::ErrorOr<ProcessId> wait_for_child(Process& parent, int32_t pid, bool no_hang,
                                        int32_t& wait_status);

} // namespace lifecycle
