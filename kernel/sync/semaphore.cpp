// See semaphore.h.
#include "kernel/sync/semaphore.h"
#include "kernel/debug/panic.h"
#include "kernel/sync/interrupt_guard.h"

Semaphore::~Semaphore() {
    if (!m_waiters.is_empty())
        panic("semaphore \"%s\" destroyed while %zu threads wait for it", m_name, m_waiters.size());
}

void Semaphore::wait() {
    InterruptGuard guard;
    if (m_value > 0) {
        --m_value;
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
    return true;
}

void Semaphore::post() {
    InterruptGuard guard;
    if (m_waiters.wake_one() != nullptr)
        return; // the permit went to the woken thread
    if (m_value == UINT32_MAX)
        panic("semaphore \"%s\" posted beyond %u permits", m_name, UINT32_MAX);
    ++m_value;
}
