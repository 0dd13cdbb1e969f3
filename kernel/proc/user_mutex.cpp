// See user_mutex.h.
#include "kernel/proc/user_mutex.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/blocking.h"
#include "kernel/proc/process.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/trace/trace.h"

namespace {
constexpr const char* TRACE_NAME = "pthread mutex";
}

UserMutex::~UserMutex() {
    // Every waiter holds a reference, so none can be left when the last one goes.
    VERIFY(m_waiters.is_empty());
}

libk::ErrorOr<void> UserMutex::lock(int handle) {
    InterruptGuard guard;
    if (m_closed)
        return libk::Error::BadHandle;
    ThreadId caller = scheduler::current().id();
    if (m_owner == caller)
        return libk::Error::WouldDeadlock;
    if (m_owner == 0) {
        m_owner = caller;
        if (trace::recording())
            trace::record_mutex_acquired(m_trace_number, TRACE_NAME);
        return {};
    }
    if (trace::recording())
        trace::record_mutex_contended(m_trace_number, TRACE_NAME, m_owner);
    // unlock() makes us the owner before it wakes us; an interrupted wait leaves it alone. A
    // close can come between that hand-over and our return: then the mutex is gone.
    TRY(blocking::wait_on_handle(m_waiters, "mutex", handle, *this));
    if (m_closed)
        return libk::Error::BadHandle;
    VERIFY(m_owner == caller);
    return {};
}

libk::ErrorOr<void> UserMutex::try_lock() {
    InterruptGuard guard;
    if (m_closed)
        return libk::Error::BadHandle;
    if (m_owner != 0)
        return libk::Error::Busy;
    m_owner = scheduler::current().id();
    if (trace::recording())
        trace::record_mutex_acquired(m_trace_number, TRACE_NAME);
    return {};
}

libk::ErrorOr<void> UserMutex::unlock() {
    InterruptGuard guard;
    if (m_closed)
        return libk::Error::BadHandle;
    if (m_owner != scheduler::current().id())
        return libk::Error::NotOwner;
    hand_over();
    return {};
}

void UserMutex::hand_over() {
    Thread* next = m_waiters.first();
    m_owner = next != nullptr ? next->id() : 0;
    if (trace::recording())
        trace::record_mutex_released(m_trace_number, TRACE_NAME,
                                     next != nullptr ? next->id() : trace::NO_THREAD);
    m_waiters.wake_one();
}

void UserMutex::handle_closed(Process&) {
    InterruptGuard guard;
    m_closed = true;
    if (m_owner != 0 && trace::recording())
        trace::record_mutex_released(m_trace_number, TRACE_NAME, trace::NO_THREAD);
    m_owner = 0;
    // The closing process's waiters were woken with BadHandle already (teardown.cpp); this wakes
    // any other, who will see m_closed. There are none while a mutex has only one handle.
    m_waiters.wake_all();
}

// A waiter waits only for a mutex someone owns, and hand_over names the next owner as it takes
// it out of the queue, so nobody waits for a free mutex and the owner never waits for itself.
const char* UserMutex::find_inconsistency() const {
    if (m_closed && (m_owner != 0 || !m_waiters.is_empty()))
        return "a closed mutex has an owner or waiters";
    if (!m_waiters.is_empty() && m_owner == 0)
        return "threads wait for a mutex that nobody owns";
    for (const Thread& waiter : m_waiters) {
        if (waiter.state() != ThreadState::Blocked)
            return "a thread waiting for a mutex is not blocked";
        if (waiter.id() == m_owner)
            return "the owner of a mutex waits for it";
    }
    return nullptr;
}
