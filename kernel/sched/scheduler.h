// The scheduler: the mechanism that gives the CPU to one thread after another. It keeps the
// running thread, asks the policy (scheduling_policy.h) who runs next, and switches with
// switch_context, loading the next thread's page directory and kernel stack pointer (TSS.esp0)
// when they differ. It decides nothing itself: the timer says when, the policy says who.
//
// The ready set, the wait queues and the sleep queue are protected by disabling interrupts (on
// this single CPU nothing else can run then). Functions marked "interrupts disabled" check it.
#pragma once

#include "kernel/sched/thread.h"

namespace arch {
struct InterruptFrame;
}
class SchedulingPolicy;

namespace scheduler {

// Turns the code running now (kernel_main on the boot stack) into the thread `boot` and makes
// `idle` the thread that runs when nothing else is ready. From here on there is a current thread.
void initialize(SchedulingPolicy& policy, Thread& boot, Thread& idle);
bool is_running();
SchedulingPolicy& policy();

// The thread that has the CPU.
Thread& current();

// A new thread (state Ready, its first context prepared) joins the list of all threads and the
// ready set.
void add_new_thread(Thread& thread);
// An exited thread leaves the list of all threads, before its memory is freed.
void forget_thread(Thread& thread);
// Every thread, for the thread dump; walk it with interrupts disabled.
const ThreadList& all_threads();

// The running thread gives the CPU to the next ready thread of the policy's choice and stays
// ready itself (it runs again when its turn comes; at once if nothing else is ready).
void yield();

// The running thread stops running until make_ready() is called for it, which some other code
// will do because the caller has put it where that code looks (a WaitQueue, the sleep queue, a
// thread it joins). `why` is Blocked or Sleeping. Interrupts disabled (and again on return, which
// is when the thread runs again).
void block_current(ThreadState why);

// A blocked or sleeping thread becomes ready. If the policy says it is more urgent than the
// running thread, the running thread is preempted at the next safe point: the end of the
// enclosing InterruptGuard, or the end of the interrupt. Interrupts disabled.
void make_ready(Thread& thread);

// The running thread sleeps until clock::ticks() reaches `wake_tick`.
void sleep_until(uint64_t wake_tick);

// The running thread has exited: it never runs again. Interrupts disabled.
[[noreturn]] void exit_current();

// A sleeping thread wakes before its time (its process is ending). False when it was not in
// the sleep queue. Interrupts disabled.
bool cancel_sleep(Thread& thread);

// Called on every switch between two different threads, with interrupts disabled, after the
// next thread's page directory and kernel stack are in place and right before its registers
// are. The process code uses it for what user threads carry beyond their registers (the
// floating-point state, the thread pointer) and for per-process statistics. nullptr for none.
using SwitchHook = void (*)(Thread& previous, Thread& next);
void set_switch_hook(SwitchHook hook);

// From the timer interrupt, once per tick: charges the running thread, wakes the sleepers that
// are due, and preempts the running thread when the policy says its time is up. `frame` holds
// the interrupted registers, which the thread dump shows for a preempted thread.
void on_timer_tick(arch::InterruptFrame& frame);

// Called where it is safe to switch with interrupts disabled (leaving the outermost
// InterruptGuard or Spinlock): switches if a more urgent thread is waiting for the CPU.
void preempt_if_requested();

// For the kernel's self-check (kernel/debug/self_check.h), with interrupts disabled: nullptr when
// every thread is where its state says (the running one is current and in no queue, a ready one
// in the policy's ready set, a sleeping one in the sleep queue in wake-up order, a blocked one in
// a wait queue or joining a thread), otherwise what is wrong; `culprit` names the thread.
const char* find_inconsistency(const Thread*& culprit);

} // namespace scheduler
