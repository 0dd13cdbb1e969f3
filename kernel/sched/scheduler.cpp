// See scheduler.h. The mechanism in one place: who is running, how the CPU passes to the next
// thread, and the three ways that happens (the thread blocks or yields, the timer preempts it, a
// more urgent thread wakes up).
#include "kernel/sched/scheduler.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/supervisor_protection.h"
#include "arch/tss.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/process.h"
#include "kernel/sched/scheduling_policy.h"
#include "kernel/sched/sleep_queue.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/spinlock.h"
#include "kernel/time/clock.h"
#include "kernel/trace/trace.h"

namespace scheduler {
namespace {

// All protected by disabling interrupts.
SchedulingPolicy* g_policy;
Thread* g_current; // the running thread; nullptr until initialize()
Thread* g_idle;    // runs when the policy has nobody ready; never in the ready set itself
constinit ThreadList g_all_threads;
constinit SleepQueue g_sleepers;
// Set when the running thread should give up the CPU at the next safe point (its time slice
// is used up, or a more urgent thread became ready).
bool g_reschedule_requested;
SwitchHook g_switch_hook = nullptr;

void verify_interrupts_disabled() {
    VERIFY(!arch::interrupts_enabled());
}

// Loads the next thread's page directory when it works for another process. Kernel threads all
// belong to the kernel process, and the kernel half is the same in every directory, so switches
// between them keep CR3 (and the TLB) as it is.
void enter_address_space_of(const Thread& previous, const Thread& next) {
    if (next.process() != previous.process())
        arch::load_page_directory(next.process()->page_directory_physical());
}

// Gives the CPU to `next`. The caller has already put the current thread where it belongs (the
// ready set, a wait queue, the sleep queue, or nowhere when it exited).
void switch_to(Thread& next, trace::SwitchReason reason) {
    Thread& previous = *g_current;
    next.set_state(ThreadState::Running);
    if (&next == &previous)
        return; // nobody else was ready: keep going with a fresh time slice
    trace::thread_switch(previous, next, reason);
    ++next.statistics().times_scheduled;
    enter_address_space_of(previous, next);
    // An interrupt from user mode in `next` must land on next's kernel stack.
    arch::set_kernel_stack(next.stack().top);
    if (g_switch_hook != nullptr)
        g_switch_hook(previous, next);
    g_current = &next;
    arch::switch_context(previous.saved_context_slot(), next.saved_context());
    // `previous` runs again here, the next time some thread switches back to it.
}

// Every switch asks here first who comes next.
Thread& pick_next() {
    // EFLAGS is not part of a thread's saved context, so a thread that switched away inside a
    // user-memory window (arch/supervisor_protection.h) would leave it open for the next one.
    // (Checked here rather than in switch_to, which must stay small enough to be inlined into
    // its callers: their names are what gdb's kthreads shows as a waiting thread's saved eip.)
    VERIFY(!arch::user_memory_window_is_open());
    g_reschedule_requested = false;
    Thread* next = g_policy->pick_next();
    return next != nullptr ? *next : *g_idle;
}

// The running thread is still ready: back into the ready set (the idle thread never is).
void requeue_current(EnqueueReason reason) {
    Thread& thread = *g_current;
    thread.set_state(ThreadState::Ready);
    if (&thread != g_idle)
        g_policy->enqueue(thread, reason);
}

// Takes the CPU away from the running thread. `frame` is the interrupted state when a timer
// interrupt preempts it (the thread dump shows it), nullptr at other safe points.
void preempt(arch::InterruptFrame* frame) {
    Thread& thread = *g_current;
    requeue_current(EnqueueReason::Preempted);
    Thread& next = pick_next();
    if (&next == &thread) {
        next.set_state(ThreadState::Running);
        return;
    }
    ++thread.statistics().times_preempted;
    thread.set_preempted_frame(frame);
    switch_to(next, trace::SwitchReason::Preempted);
    thread.set_preempted_frame(nullptr);
}

} // namespace

void initialize(SchedulingPolicy& policy, Thread& boot, Thread& idle) {
    verify_interrupts_disabled();
    VERIFY(g_current == nullptr);
    g_policy = &policy;
    boot.set_state(ThreadState::Running);
    boot.statistics().times_scheduled = 1;
    idle.set_state(ThreadState::Ready);
    VERIFY(g_all_threads.push_back(boot));
    VERIFY(g_all_threads.push_back(idle));
    g_idle = &idle;
    g_current = &boot;
    arch::set_kernel_stack(boot.stack().top);
}

bool is_running() {
    return g_current != nullptr;
}

SchedulingPolicy& policy() {
    return *g_policy;
}

Thread& current() {
    return *g_current;
}

void add_new_thread(Thread& thread) {
    InterruptGuard guard;
    VERIFY(g_all_threads.push_back(thread));
    thread.set_state(ThreadState::Ready);
    g_policy->enqueue(thread, EnqueueReason::Created);
    trace::thread_created(thread);
    if (g_policy->should_preempt(*g_current, thread))
        g_reschedule_requested = true; // acted on when the guard ends
}

void forget_thread(Thread& thread) {
    InterruptGuard guard;
    VERIFY(thread.state() == ThreadState::Exited);
    VERIFY(g_all_threads.remove(thread));
}

const ThreadList& all_threads() {
    return g_all_threads;
}

void yield() {
    InterruptGuard guard;
    requeue_current(EnqueueReason::Yielded);
    switch_to(pick_next(), trace::SwitchReason::Yielded);
}

void block_current(ThreadState why) {
    verify_interrupts_disabled();
    VERIFY(why == ThreadState::Blocked || why == ThreadState::Sleeping);
    VERIFY(g_current != g_idle);
    // Another CPU could wait forever for a spinlock held by a thread that is not running.
    VERIFY(spinlocks_held_by_this_cpu() == 0);
    g_current->set_state(why);
    switch_to(pick_next(), why == ThreadState::Sleeping ? trace::SwitchReason::Slept
                                                        : trace::SwitchReason::Blocked);
}

void make_ready(Thread& thread) {
    verify_interrupts_disabled();
    VERIFY(thread.state() == ThreadState::Blocked || thread.state() == ThreadState::Sleeping);
    thread.set_state(ThreadState::Ready);
    g_policy->enqueue(thread, EnqueueReason::Woken);
    if (g_current == g_idle || g_policy->should_preempt(*g_current, thread))
        g_reschedule_requested = true;
}

void sleep_until(uint64_t wake_tick) {
    InterruptGuard guard;
    g_sleepers.add(*g_current, wake_tick);
    trace::sleep_begins();
    block_current(ThreadState::Sleeping);
}

void exit_current() {
    verify_interrupts_disabled();
    VERIFY(g_current != g_idle);
    g_current->set_state(ThreadState::Exited);
    trace::thread_exited(*g_current);
    switch_to(pick_next(), trace::SwitchReason::Exited);
    panic("thread %u \"%s\" ran again after it exited", g_current->id(), g_current->name());
}

bool cancel_sleep(Thread& thread) {
    verify_interrupts_disabled();
    if (thread.state() != ThreadState::Sleeping || !g_sleepers.remove(thread))
        return false;
    make_ready(thread);
    return true;
}

void set_switch_hook(SwitchHook hook) {
    g_switch_hook = hook;
}

void on_timer_tick(arch::InterruptFrame& frame) {
    if (g_current == nullptr)
        return; // the timer runs before the scheduler starts
    Thread& running = *g_current;
    ++running.statistics().ticks_run;
    uint64_t now = clock::ticks();
    while (Thread* sleeper = g_sleepers.pop_due(now)) {
        make_ready(*sleeper);
        trace::sleep_ended(*sleeper);
    }
    if (&running != g_idle && g_policy->on_tick(running) == TickDecision::Preempt)
        g_reschedule_requested = true;
    // The timer interrupt is already acknowledged, so switching here, on the way out of the
    // interrupt, holds nothing up: the interrupted thread resumes in this very spot later.
    if (g_reschedule_requested && spinlocks_held_by_this_cpu() == 0)
        preempt(&frame);
}

void preempt_if_requested() {
    verify_interrupts_disabled();
    if (!g_reschedule_requested || g_current == nullptr || spinlocks_held_by_this_cpu() != 0)
        return;
    preempt(nullptr);
}

namespace {

// True when some thread that has not exited is joined by `thread`.
bool is_joining(const Thread& thread) {
    for (const Thread& other : g_all_threads) {
        if (other.joiner() == &thread && other.state() != ThreadState::Exited)
            return true;
    }
    return false;
}

const char* find_misplaced_thread(const Thread& thread) {
    bool queued = thread.m_queue_node.is_linked();
    switch (thread.state()) {
    case ThreadState::Running:
        return &thread != g_current ? "a thread that is not current is in state Running"
               : queued             ? "the running thread is in a queue"
                                    : nullptr;
    case ThreadState::Ready:
        return queued ? nullptr : "a ready thread is in no queue";
    case ThreadState::Sleeping:
        return g_sleepers.contains(thread) ? nullptr
                                           : "a sleeping thread is not in the sleep queue";
    case ThreadState::Blocked:
        return queued || is_joining(thread)
                   ? nullptr
                   : "a blocked thread is in no wait queue and joins no one";
    case ThreadState::Exited:
        return queued ? "an exited thread is still in a queue" : nullptr;
    }
    return "a thread has an unknown state";
}

} // namespace

const char* find_inconsistency(const Thread*& culprit) {
    verify_interrupts_disabled();
    culprit = g_current;
    if (g_current->state() != ThreadState::Running)
        return "the current thread is not in state Running";
    size_t ready = 0;
    for (const Thread& thread : g_all_threads) {
        culprit = &thread;
        if (&thread == g_idle && &thread != g_current)
            continue; // idle waits outside the ready set, whatever its state says
        if (const char* problem = find_misplaced_thread(thread))
            return problem;
        ready += thread.state() == ThreadState::Ready ? 1 : 0;
    }
    culprit = nullptr;
    if (const char* problem = g_sleepers.find_inconsistency())
        return problem;
    return g_policy->find_inconsistency(ready);
}

} // namespace scheduler
