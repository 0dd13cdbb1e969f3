// Spinlock: mutual exclusion between CPUs for short critical sections that must not sleep (the
// scheduler's own data, interrupt handlers). Taking it disables interrupts on this CPU, so an
// interrupt handler on the same CPU cannot spin forever on a lock its own CPU holds, and the
// holder is never preempted; releasing it restores the interrupt state found when it was taken.
//
// This kernel runs on one CPU, where disabling interrupts alone would do. The lock still does the
// atomic exchange and the spinning so that it is correct on several CPUs, and it catches the
// classic bug of taking a lock the same CPU already holds (which would spin forever) with a panic.
//
// Never block (wait on a mutex, semaphore or sleep) while holding a spinlock.
#pragma once

#include "libk/types.h"

class Spinlock {
public:
    constexpr explicit Spinlock(const char* name) : m_name(name) {}
    Spinlock(const Spinlock&) = delete;
    Spinlock& operator=(const Spinlock&) = delete;

    void lock();
    void unlock();

    bool is_locked() const { return __atomic_load_n(&m_locked, __ATOMIC_RELAXED) != 0; }
    bool is_held_by_this_cpu() const;
    const char* name() const { return m_name; }

private:
    const char* m_name;
    uint32_t m_locked = 0;     // 1 while held; changed only by atomic exchange and release store
    int32_t m_holder_cpu = -1; // written by the holder only
    bool m_interrupts_were_enabled =
        false; // the holder's state before lock(), restored by unlock()
};

// How many spinlocks this CPU holds. The scheduler never preempts while it is non-zero.
uint32_t spinlocks_held_by_this_cpu();

// Holds a spinlock for the rest of the scope.
class [[nodiscard]] SpinlockLocker {
public:
    explicit SpinlockLocker(Spinlock& lock) : m_lock(lock) { m_lock.lock(); }
    ~SpinlockLocker() { m_lock.unlock(); }
    SpinlockLocker(const SpinlockLocker&) = delete;
    SpinlockLocker& operator=(const SpinlockLocker&) = delete;

private:
    Spinlock& m_lock;
};
