// Mutex: mutual exclusion between threads, for critical sections that may take long or block.
// "The restroom that fits one person": one owner at a time; everyone else waits off the CPU, in
// line, and the door is handed straight to the one who has waited longest.
//
//   - Only the owner may unlock it (NotOwner otherwise); locking it again while owning it would
//     wait forever, so it is refused with WouldDeadlock.
//   - FIFO hand-off: unlock() makes the longest waiter the owner before waking it, so no thread
//     that comes later can slip in first, and no waiter starves.
//   - Not for interrupt handlers (they cannot block): use a Spinlock there.
#pragma once

#include "kernel/sync/wait_queue.h"
#include "kernel/trace/object_number.h"
#include "libk/error_or.h"

class Mutex {
public:
    explicit Mutex(const char* name = "mutex") : m_name(name) {}
    ~Mutex();
    Mutex(const Mutex&) = delete;
    Mutex& operator=(const Mutex&) = delete;

    // Waits until the mutex is free and takes it. WouldDeadlock if the caller owns it already.
    libk::ErrorOr<void> lock();
    // Takes the mutex only if it is free: WouldBlock if another thread owns it, WouldDeadlock if
    // the caller does.
    libk::ErrorOr<void> try_lock();
    // Gives the mutex to the longest waiter, or frees it. NotOwner unless the caller owns it.
    libk::ErrorOr<void> unlock();

    // The owner, or nullptr when the mutex is free. A snapshot: it may change right after.
    Thread* owner() const { return m_owner; }
    bool is_locked() const { return m_owner != nullptr; }
    size_t waiter_count() const { return m_waiters.size(); }
    const char* name() const { return m_name; }

    // The scheduling trace's name for it (kernel/trace/); protected by disabling interrupts.
    trace::ObjectNumber m_trace_number;

private:
    const char* m_name;
    // Both protected by disabling interrupts (an InterruptGuard in each operation).
    Thread* m_owner = nullptr;
    WaitQueue m_waiters;
};

// Holds a mutex for the rest of the scope. Locking through a guard cannot fail unless the caller
// already owns the mutex, which is a bug the guard stops at with a panic.
class [[nodiscard]] MutexLocker {
public:
    explicit MutexLocker(Mutex& mutex);
    ~MutexLocker();
    MutexLocker(const MutexLocker&) = delete;
    MutexLocker& operator=(const MutexLocker&) = delete;

private:
    Mutex& m_mutex;
};
