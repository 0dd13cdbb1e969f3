// See semaphore.h.
#include "kernel/sync/semaphore.h"
#include "kernel/debug/panic.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/trace/trace.h"

Semaphore::~Semaphore() {
    if (!m_waiters.is_empty())
        panic("semaphore \"%s\" destroyed while %zu threads wait for it", m_name, m_waiters.size());
}

void Semaphore::wait() {
    InterruptGuard guard;
    trace::semaphore_wait(*this);
    if (m_value > 0) {
        --m_value;
        trace::semaphore_acquired(*this);
        return;
    }
    // post() passes its permit directly to us (the count never goes up in between), so there is
    // nothing to re-check when we wake.
    m_waiters.wait();
}

bool Semaphore::try_wait() {
    InterruptGuard guard;
    if (m_value == 0)
        return false;
    --m_value;
    trace::semaphore_acquired(*this);
    return true;
}

void Semaphore::post() {
    InterruptGuard guard;
    if (Thread* woken = m_waiters.wake_one()) {
        trace::semaphore_posted(*this, woken);
        return; // the permit went to the woken thread
    }
    if (m_value == UINT32_MAX)
        panic("semaphore \"%s\" posted beyond %u permits", m_name, UINT32_MAX);
    ++m_value;
    trace::semaphore_posted(*this, nullptr);
}
