// Semaphore: a counter of permits. "The kitchen with n keys": wait() takes a key, waiting off the
// CPU while none is left; post() brings one back. Waiters get keys in the order they came: a
// post() with threads waiting hands its key straight to the longest waiter.
//
// A semaphore of 1 behaves as a lock, but unlike a Mutex it has no owner: any thread may post,
// which is what makes it right for signalling between threads (producer/consumer counts).
#pragma once

#include "kernel/sync/wait_queue.h"
#include "kernel/trace/object_number.h"

class Semaphore {
public:
    explicit Semaphore(uint32_t initial_value, const char* name = "semaphore")
        : m_name(name), m_value(initial_value) {}
    ~Semaphore();
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;

    // Takes a permit, waiting for one if none is free.
    void wait();
    // Takes a permit only if one is free right now.
    [[nodiscard]] bool try_wait();
    // Returns a permit: to the longest waiter if there is one, otherwise to the count.
    void post();

    // Free permits now (0 while threads wait). A snapshot: it may change right after.
    uint32_t value() const { return m_value; }
    size_t waiter_count() const { return m_waiters.size(); }
    const char* name() const { return m_name; }

    // The scheduling trace's name for it (kernel/trace/); protected by disabling interrupts.
    trace::ObjectNumber m_trace_number;

private:
    const char* m_name;
    // Both protected by disabling interrupts. m_value > 0 only while nobody waits.
    uint32_t m_value;
    WaitQueue m_waiters;
};
