// The scheduler: the mechanism that gives the CPU to one thread after another. It keeps the
// running thread, asks the policy (scheduling_policy.h) who runs next, and switches with
// switch_context, loading the next thread's page directory and kernel stack pointer (TSS.esp0)
// when they differ. It decides nothing itself: the timer says when, the policy says who.
//
// Everything here runs with interrupts disabled (the functions that need it check); on this
// single CPU that is what keeps the ready set, the wait queues and the sleep queue consistent.
#pragma once

#include "kernel/sched/thread.h"

namespace scheduler {

// The thread that has the CPU.
Thread& current();

// The running thread stops running until make_ready() is called for it, which some other code
// will do because the caller has put it where that code looks (a WaitQueue, the sleep queue, a
// thread it joins). `why` is Blocked or Sleeping. Interrupts must be disabled; they are disabled
// again when this returns, which is when the thread runs again.
void block_current(ThreadState why);

// A blocked or sleeping thread becomes ready. If the policy says it is more urgent than the
// running thread, the running thread is preempted as soon as it is safe. Interrupts disabled.
void make_ready(Thread& thread);

} // namespace scheduler
