// The default scheduling policy: round robin within priority levels.
//
// The thread to run is the first of the highest non-empty level; it runs until its time slice
// (the quantum, in timer ticks) is used up, then goes to the back of its level and gets a new
// slice when its turn comes again. Lower levels run only when every higher level is empty.
//
// A thread that stops in the middle of its slice keeps the rest: it blocked for a moment (a
// lock handed over, a semaphore, a child to wait for, a sleep) or a more urgent thread took the
// CPU. When it is ready again it finishes its turn before the threads that wait for a new one,
// so a thread that blocks briefly is not sent behind every CPU-bound thread each time, which
// would give it one short run per round instead of its share. Each level therefore has two FIFO
// queues: threads finishing a turn, then threads waiting for a new one.
//
// pick_next() is O(1) whatever the number of threads: a 32-bit mask has bit p set exactly when
// level p is non-empty, and the highest set bit is one instruction (bsr) away.
#pragma once

#include "kernel/sched/scheduling_policy.h"

class RoundRobinPolicy final : public SchedulingPolicy {
public:
    explicit RoundRobinPolicy(uint32_t quantum_ticks);
    RoundRobinPolicy(const RoundRobinPolicy&) = delete;
    RoundRobinPolicy& operator=(const RoundRobinPolicy&) = delete;

    const char* name() const override { return "round robin with priorities"; }
    void enqueue(Thread& thread, EnqueueReason reason) override;
    void dequeue(Thread& thread) override;
    Thread* pick_next() override;
    TickDecision on_tick(Thread& running) override;
    bool should_preempt(const Thread& running, const Thread& candidate) const override;
    const char* find_inconsistency(size_t ready_threads) const override;

    uint32_t quantum_ticks() const { return m_quantum_ticks; }
    size_t ready_count() const;
    size_t ready_count_at(Priority level) const { return m_levels[level].size(); }
    // Of those, the threads that will finish a turn before the others start a new one.
    size_t resuming_count_at(Priority level) const { return m_levels[level].resuming.size(); }
    uint32_t non_empty_levels() const { return m_non_empty_levels; }

private:
    struct Level {
        ThreadQueue resuming; // stopped with part of their slice left: they run it first
        ThreadQueue waiting;  // used up their slice, yielded, or new: they wait for a new one
        bool is_empty() const { return resuming.is_empty() && waiting.is_empty(); }
        size_t size() const { return resuming.size() + waiting.size(); }
    };

    uint32_t m_quantum_ticks;
    Level m_levels[PRIORITY_LEVELS];
    // Bit p is set exactly when m_levels[p] is not empty.
    uint32_t m_non_empty_levels = 0;
};
static_assert(PRIORITY_LEVELS <= 32, "one bit per priority level in a 32-bit mask");
