// See condition_variable.h.
#include "kernel/sync/condition_variable.h"
#include "kernel/debug/panic.h"
#include "kernel/sync/interrupt_guard.h"

libk::ErrorOr<void> ConditionVariable::wait(Mutex& mutex) {
    {
        InterruptGuard guard;
        // With interrupts off from here until we are in the queue, a signal() sent after the
        // unlock cannot run before we wait: it finds us in the queue.
        TRY(mutex.unlock());
        m_waiters.wait();
    }
    // We hold nothing now; a woken waiter competes for the mutex like anyone (Mesa).
    libk::ErrorOr<void> relocked = mutex.lock();
    VERIFY(!relocked.is_error()); // it cannot be ours: we released it above
    return {};
}

void ConditionVariable::signal() {
    InterruptGuard guard;
    m_waiters.wake_one();
}

void ConditionVariable::broadcast() {
    InterruptGuard guard;
    m_waiters.wake_all();
}
