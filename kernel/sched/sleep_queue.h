// The sleep queue: sleeping threads sorted by the tick at which they wake up, so that the timer
// interrupt only ever looks at the front (the one due first) and never scans every sleeper.
// Threads due at the same tick wake in the order they went to sleep.
#pragma once

#include "kernel/sched/thread.h"

class SleepQueue {
public:
    SleepQueue() = default;
    SleepQueue(const SleepQueue&) = delete;
    SleepQueue& operator=(const SleepQueue&) = delete;

    // Records `wake_tick` in the thread and puts it in its place. O(number of later sleepers).
    void add(Thread& thread, uint64_t wake_tick);

    // Takes out and returns the first thread whose wake tick is <= `now`, or nullptr. The timer
    // calls it until it returns nullptr.
    Thread* pop_due(uint64_t now);

    // Takes a sleeper out early; false when the thread is not in this queue.
    [[nodiscard]] bool remove(Thread& thread);

    Thread* first() const { return m_sleepers.first(); }
    size_t size() const { return m_sleepers.size(); }
    bool is_empty() const { return m_sleepers.is_empty(); }
    bool contains(const Thread& thread) const { return m_sleepers.contains(thread); }

    // For the kernel's self-check: nullptr when every sleeper is Sleeping and the queue is in
    // wake-up order, otherwise what is wrong.
    const char* find_inconsistency() const;

private:
    ThreadQueue m_sleepers; // ascending wake tick
};
