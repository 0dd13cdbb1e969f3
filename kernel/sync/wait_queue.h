// WaitQueue: threads blocked until an event, in the order they blocked. Mutexes, semaphores,
// condition variables and anything else that makes a thread wait are built on it. Blocking never
// spins: a waiting thread is off the CPU until a waker moves it back to the ready set.
//
// The rule that makes it race-free on one CPU: the caller checks its condition and calls wait()
// with interrupts disabled (an InterruptGuard around both), so no wake-up can slip in between the
// check and the sleep.
#pragma once

#include "kernel/sched/thread.h"

class WaitQueue {
public:
    WaitQueue() = default;
    ~WaitQueue();
    WaitQueue(const WaitQueue&) = delete;
    WaitQueue& operator=(const WaitQueue&) = delete;

    // Blocks the running thread at the back of the queue until a wake_one() or wake_all()
    // reaches it. Called and returns with interrupts disabled.
    void wait();

    // Wakes the thread that has waited longest and returns it (nullptr when nobody waits).
    Thread* wake_one();
    // Wakes every waiter, oldest first; returns how many.
    size_t wake_all();

    // Takes one waiter out without waking it (a timeout, or its process ending). False when the
    // thread is not in this queue.
    [[nodiscard]] bool remove(Thread& thread);

    // The thread wake_one() would wake. A mutex names it the new owner before waking it.
    Thread* first() const { return m_waiters.first(); }
    bool is_empty() const { return m_waiters.is_empty(); }
    size_t size() const { return m_waiters.size(); }
    bool contains(const Thread& thread) const { return m_waiters.contains(thread); }

    // Oldest first, for the thread dump and tests.
    ThreadQueue::Iterator begin() const { return m_waiters.begin(); }
    ThreadQueue::Iterator end() const { return m_waiters.end(); }

private:
    ThreadQueue m_waiters;
};
