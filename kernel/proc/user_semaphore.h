// UserSemaphore: the kernel semaphore behind sem_t, private to a process (sem_init) or shared
// by name (sem_open, named_objects.h). A count and a first-come-first-served queue: post() with
// waiters hands its unit straight to the longest waiter. Waits end when the waiter's process is
// killed (blocking.h); such a waiter leaves the queue without taking a unit.
#pragma once

#include "kernel/trace/object_number.h"

#include "kernel/proc/kernel_object.h"
#include "kernel/sync/wait_queue.h"

class UserSemaphore final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::Semaphore;

    explicit UserSemaphore(uint32_t value) : KernelObject(ObjectKind::Semaphore), m_value(value) {}
    ~UserSemaphore() override;

    // Takes a unit, waiting while there is none. Interrupted when the caller's process ends;
    // BadHandle when `handle`, the caller's handle to the semaphore, is closed first (the unit a
    // post already handed over is kept: the wait then succeeds).
    libk::ErrorOr<void> wait(int handle);
    // Takes a unit if there is one: WouldBlock otherwise.
    libk::ErrorOr<void> try_wait();
    // Gives a unit to the longest waiter, or adds it to the count: Overflow at
    // ABI_SEMAPHORE_VALUE_MAX.
    libk::ErrorOr<void> post();
    // The count (0 while threads wait).
    uint32_t value() const { return m_value; }

    const char* find_inconsistency() const override;

private:
    // Both protected by disabling interrupts. m_value > 0 only while nobody waits.
    uint32_t m_value;
    WaitQueue m_waiters;
    trace::ObjectNumber m_trace_number; // how the scheduling trace names it
};
