// The default scheduling policy: round robin within priority levels.
//
// Each priority level has a FIFO queue of ready threads. The thread to run is the first of the
// highest non-empty level; it runs until its time slice (the quantum, in timer ticks) is used up,
// then goes to the back of its level. Lower levels run only when every higher level is empty.
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

    uint32_t quantum_ticks() const { return m_quantum_ticks; }
    size_t ready_count() const;
    size_t ready_count_at(Priority level) const { return m_levels[level].size(); }
    uint32_t non_empty_levels() const { return m_non_empty_levels; }

private:
    uint32_t m_quantum_ticks;
    ThreadQueue m_levels[PRIORITY_LEVELS];
    // Bit p is set exactly when m_levels[p] is not empty.
    uint32_t m_non_empty_levels = 0;
};
static_assert(PRIORITY_LEVELS <= 32, "one bit per priority level in a 32-bit mask");
