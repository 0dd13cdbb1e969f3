// UserMutex: the kernel mutex behind pthread_mutex_t. Like the kernel's own Mutex (one owner,
// first come first served, the longest waiter is handed the mutex), but made for user threads:
// its waits end when the waiter's process is killed (blocking.h), and its owner is remembered by
// thread id, which is never reused, so a mutex whose owner has ended simply stays locked (as on
// Linux) instead of pointing at a thread that no longer exists.
//
// A mutex has exactly one handle, in the process that made it (mutex_create; handles of mutexes
// are never copied), so closing that handle ends the mutex: whoever held it no longer does, the
// threads waiting for it are woken with BadHandle (blocking.h), and a lock, trylock or unlock that
// was already on its way fails with BadHandle too — even a lock the mutex had just been handed
// to, since the mutex it would own is gone.
#pragma once

#include "kernel/trace/object_number.h"

#include "kernel/proc/kernel_object.h"
#include "kernel/sched/thread.h"
#include "kernel/sync/wait_queue.h"

class UserMutex final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::Mutex;

    UserMutex() : KernelObject(ObjectKind::Mutex) {}
    ~UserMutex() override;

    // Waits until the caller owns it. WouldDeadlock when it does already; Interrupted when the
    // caller's process ends while it waits; BadHandle when `handle`, the caller's handle to the
    // mutex, is closed first.
    libk::ErrorOr<void> lock(int handle);
    // Takes it only if it is free: Busy otherwise (also when the caller owns it).
    libk::ErrorOr<void> try_lock();
    // Hands it to the longest waiter, or frees it. NotOwner unless the caller owns it.
    libk::ErrorOr<void> unlock();

    // Its one handle is closed: the mutex ends (see above).
    void handle_closed(Process& owner) override;
    const char* find_inconsistency() const override;

    ThreadId owner() const { return m_owner; }

private:
    void hand_over(); // interrupts disabled

    // All protected by disabling interrupts. m_owner is 0 when the mutex is free.
    ThreadId m_owner = 0;
    WaitQueue m_waiters;
    bool m_closed = false;              // its handle is closed: every call fails with BadHandle
    trace::ObjectNumber m_trace_number; // how the scheduling trace names it
};
