// The scheduling policy decides *who* runs next; the scheduler (scheduler.cpp) is the mechanism
// that does the switching and decides nothing. A course replaces the policy (round robin with
// priorities by default) by implementing this interface; docs/scheduling.md walks through it.
//
// The policy owns the set of ready threads. The running thread is not in it: the scheduler takes
// a thread out with pick_next() when it gives it the CPU and hands it back with enqueue() when
// it stops running but is still ready (yield, preemption). Every call is made with interrupts
// disabled, so a policy needs no locking of its own.
#pragma once

#include "kernel/sched/thread.h"

// Why a thread is entering the ready set. Round robin treats them all alike; another policy may
// not (a multilevel feedback queue demotes a thread that used its whole time slice).
enum class EnqueueReason {
    Created,   // a new thread
    Woken,     // left a wait queue or the sleep queue
    Yielded,   // gave up the CPU on its own while still ready
    Preempted, // its time slice ran out, or a more urgent thread became ready
};

enum class TickDecision { KeepRunning, Preempt };

class SchedulingPolicy {
public:
    virtual const char* name() const = 0;

    // `thread` (state Ready) joins the ready set.
    virtual void enqueue(Thread& thread, EnqueueReason reason) = 0;
    // Takes a ready thread out of the ready set without running it (for example to change its
    // priority, or to end it).
    virtual void dequeue(Thread& thread) = 0;
    // Removes and returns the thread to run next, or nullptr when no thread is ready (the
    // scheduler then runs the idle thread). This is also the moment to give it a new time slice.
    virtual Thread* pick_next() = 0;
    // The timer ticked while `running` had the CPU: charge it, and say whether it must go.
    virtual TickDecision on_tick(Thread& running) = 0;
    // `candidate` just became ready: must it take the CPU from `running` right away?
    virtual bool should_preempt(const Thread& running, const Thread& candidate) const = 0;

    // For the kernel's self-check: nullptr when the ready set is sound and holds exactly
    // `ready_threads` threads (the scheduler counts the threads whose state is Ready), otherwise
    // a sentence saying what is wrong. A policy checks what its own structure promises (for
    // round robin: each thread on the level of its priority, the mask of non-empty levels).
    virtual const char* find_inconsistency(size_t ready_threads) const = 0;

protected:
    // Policies are never deleted through this interface.
    ~SchedulingPolicy() = default;
};
