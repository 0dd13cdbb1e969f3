// See user_semaphore.h.
#include "kernel/proc/user_semaphore.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/blocking.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/trace/trace.h"
#include "libk/abi/types.h"

UserSemaphore::~UserSemaphore() {
    VERIFY(m_waiters.is_empty()); // every waiter holds a reference
}

namespace {
constexpr const char* TRACE_NAME = "semaphore";
}

libk::ErrorOr<void> UserSemaphore::wait(int handle) {
    InterruptGuard guard;
    if (trace::recording())
        trace::record_semaphore_wait(m_trace_number, TRACE_NAME, m_value);
    if (m_value > 0) {
        --m_value;
        if (trace::recording())
            trace::record_semaphore_acquired(m_trace_number, TRACE_NAME, m_value);
        return {};
    }
    // post() hands its unit to us directly; an interrupted or cancelled wait got none.
    return blocking::wait_on_handle(m_waiters, "semaphore", handle, *this);
}

libk::ErrorOr<void> UserSemaphore::try_wait() {
    InterruptGuard guard;
    if (m_value == 0)
        return libk::Error::WouldBlock;
    --m_value;
    if (trace::recording())
        trace::record_semaphore_acquired(m_trace_number, TRACE_NAME, m_value);
    return {};
}

libk::ErrorOr<void> UserSemaphore::post() {
    InterruptGuard guard;
    Thread* woken = m_waiters.wake_one();
    if (woken == nullptr && m_value >= ABI_SEMAPHORE_VALUE_MAX)
        return libk::Error::Overflow;
    if (woken == nullptr)
        ++m_value;
    if (trace::recording())
        trace::record_semaphore_posted(m_trace_number, TRACE_NAME,
                                       woken != nullptr ? woken->id() : trace::NO_THREAD, m_value);
    return {};
}

// post() hands its unit to a waiter instead of counting it, so units and waiters never coexist.
const char* UserSemaphore::find_inconsistency() const {
    if (m_value > ABI_SEMAPHORE_VALUE_MAX)
        return "a semaphore's count is above ABI_SEMAPHORE_VALUE_MAX";
    if (m_value > 0 && !m_waiters.is_empty())
        return "threads wait for a semaphore that has units";
    for (const Thread& waiter : m_waiters) {
        if (waiter.state() != ThreadState::Blocked)
            return "a thread waiting for a semaphore is not blocked";
    }
    return nullptr;
}
