// See wait_queue.h. The queue keeps the order; the scheduler does the blocking and waking.
#include "kernel/sync/wait_queue.h"
#include "kernel/debug/panic.h"
#include "kernel/sched/scheduler.h"

WaitQueue::~WaitQueue() {
    // A thread left in a queue that disappears would never wake up again.
    VERIFY(m_waiters.is_empty());
}

void WaitQueue::wait() {
    Thread& thread = scheduler::current();
    VERIFY(m_waiters.push_back(thread));
    scheduler::block_current(ThreadState::Blocked);
    // Woken: wake_one() or wake_all() took us out of the queue before making us ready.
}

Thread* WaitQueue::wake_one() {
    Thread* thread = m_waiters.pop_front();
    if (thread != nullptr)
        scheduler::make_ready(*thread);
    return thread;
}

size_t WaitQueue::wake_all() {
    size_t woken = 0;
    while (wake_one() != nullptr)
        ++woken;
    return woken;
}

bool WaitQueue::remove(Thread& thread) {
    return m_waiters.remove(thread);
}
