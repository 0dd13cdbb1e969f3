// See user_semaphore.h.
#include "kernel/proc/user_semaphore.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/blocking.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/abi/types.h"

UserSemaphore::~UserSemaphore() {
    VERIFY(m_waiters.is_empty()); // every waiter holds a reference
}

libk::ErrorOr<void> UserSemaphore::wait(int handle) {
    InterruptGuard guard;
    if (m_value > 0) {
        --m_value;
        return {};
    }
    // post() hands its unit to us directly; an interrupted wait got none.
    return blocking::wait(m_waiters, "semaphore", handle);
}

libk::ErrorOr<void> UserSemaphore::try_wait() {
    InterruptGuard guard;
    if (m_value == 0)
        return libk::Error::WouldBlock;
    --m_value;
    return {};
}

libk::ErrorOr<void> UserSemaphore::post() {
    InterruptGuard guard;
    if (m_waiters.wake_one() != nullptr)
        return {};
    if (m_value >= ABI_SEMAPHORE_VALUE_MAX)
        return libk::Error::Overflow;
    ++m_value;
    return {};
}
