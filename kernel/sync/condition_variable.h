// ConditionVariable: waiting until some condition over shared data becomes true, where the data
// is protected by a Mutex. wait() releases the mutex and blocks in one step (no signal can be
// lost in between), and takes the mutex again before it returns.
//
// Mesa semantics: signal() only makes a waiter ready; by the time it holds the mutex again
// another thread may have changed the data. So always wait in a loop:
//
//     MutexLocker locker(mutex);
//     while (buffer.is_empty())
//         not_empty.wait(mutex);
#pragma once

#include "kernel/sync/mutex.h"

class ConditionVariable {
public:
    ConditionVariable() = default;
    ConditionVariable(const ConditionVariable&) = delete;
    ConditionVariable& operator=(const ConditionVariable&) = delete;

    // Releases `mutex` (which the caller must own: NotOwner otherwise), waits for a signal,
    // and locks `mutex` again before returning.
    libk::ErrorOr<void> wait(Mutex& mutex);
    // Wakes the longest waiter, if any.
    void signal();
    // Wakes every waiter.
    void broadcast();

    size_t waiter_count() const { return m_waiters.size(); }

private:
    WaitQueue m_waiters; // protected by disabling interrupts
};
