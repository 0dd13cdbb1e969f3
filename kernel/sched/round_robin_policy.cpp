// See round_robin_policy.h.
#include "kernel/sched/round_robin_policy.h"
#include "kernel/debug/panic.h"

namespace {

// The index of the highest set bit of a non-zero mask: a single bsr instruction on x86.
unsigned highest_set_bit(uint32_t mask) {
    return 31u - static_cast<unsigned>(__builtin_clz(mask));
}

} // namespace

RoundRobinPolicy::RoundRobinPolicy(uint32_t quantum_ticks) : m_quantum_ticks(quantum_ticks) {
    VERIFY(quantum_ticks > 0);
}

void RoundRobinPolicy::enqueue(Thread& thread, EnqueueReason) {
    // Round robin: whatever the reason, a thread joins the back of its level.
    VERIFY(thread.priority() <= PRIORITY_HIGHEST);
    VERIFY(m_levels[thread.priority()].push_back(thread));
    m_non_empty_levels |= 1u << thread.priority();
}

void RoundRobinPolicy::dequeue(Thread& thread) {
    ThreadQueue& level = m_levels[thread.priority()];
    VERIFY(level.remove(thread));
    if (level.is_empty())
        m_non_empty_levels &= ~(1u << thread.priority());
}

Thread* RoundRobinPolicy::pick_next() {
    if (m_non_empty_levels == 0)
        return nullptr;
    unsigned priority = highest_set_bit(m_non_empty_levels);
    ThreadQueue& level = m_levels[priority];
    Thread* thread = level.pop_front();
    if (level.is_empty())
        m_non_empty_levels &= ~(1u << priority);
    thread->scheduling_state().time_slice_left = m_quantum_ticks;
    return thread;
}

TickDecision RoundRobinPolicy::on_tick(Thread& running) {
    uint32_t& left = running.scheduling_state().time_slice_left;
    if (left > 0)
        --left;
    if (left > 0)
        return TickDecision::KeepRunning;
    // Used up. Another thread of the same or a higher level gets the CPU; with nobody else
    // ready the scheduler simply picks this thread again with a fresh slice.
    return TickDecision::Preempt;
}

bool RoundRobinPolicy::should_preempt(const Thread& running, const Thread& candidate) const {
    return candidate.priority() > running.priority();
}

size_t RoundRobinPolicy::ready_count() const {
    size_t count = 0;
    for (const ThreadQueue& level : m_levels)
        count += level.size();
    return count;
}
