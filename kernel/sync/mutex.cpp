// See mutex.h.
#include "kernel/sync/mutex.h"
#include "kernel/debug/panic.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/trace/trace.h"

Mutex::~Mutex() {
    // A thread waiting for a mutex that disappears would wait forever.
    if (!m_waiters.is_empty())
        panic("mutex \"%s\" destroyed while %zu threads wait for it", m_name, m_waiters.size());
}

libk::ErrorOr<void> Mutex::lock() {
    InterruptGuard guard;
    Thread& caller = scheduler::current();
    if (m_owner == &caller)
        return libk::Error::WouldDeadlock;
    if (m_owner == nullptr) {
        m_owner = &caller;
        trace::mutex_acquired(*this);
        return {};
    }
    trace::mutex_contended(*this);
    m_waiters.wait();
    // unlock() made us the owner before it woke us: nobody could take it in between.
    VERIFY(m_owner == &caller);
    return {};
}

libk::ErrorOr<void> Mutex::try_lock() {
    InterruptGuard guard;
    Thread& caller = scheduler::current();
    if (m_owner == &caller)
        return libk::Error::WouldDeadlock;
    if (m_owner != nullptr)
        return libk::Error::WouldBlock;
    m_owner = &caller;
    trace::mutex_acquired(*this);
    return {};
}

libk::ErrorOr<void> Mutex::unlock() {
    InterruptGuard guard;
    if (m_owner != &scheduler::current())
        return libk::Error::NotOwner;
    // Hand-off: the longest waiter (or nobody) owns it from this instant.
    m_owner = m_waiters.first();
    m_waiters.wake_one();
    trace::mutex_released(*this);
    return {};
}

MutexLocker::MutexLocker(Mutex& mutex) : m_mutex(mutex) {
    if (m_mutex.lock().is_error())
        panic("MutexLocker: thread \"%s\" locks mutex \"%s\", which it already owns",
              scheduler::current().name(), m_mutex.name());
}

MutexLocker::~MutexLocker() {
    if (m_mutex.unlock().is_error())
        panic("MutexLocker: mutex \"%s\" was unlocked behind its guard's back", m_mutex.name());
}
