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

void RoundRobinPolicy::enqueue(Thread& thread, EnqueueReason reason) {
    VERIFY(thread.priority() <= PRIORITY_HIGHEST);
    uint32_t& left = thread.scheduling_state().time_slice_left;
    switch (reason) {
    case EnqueueReason::Created: // no turn yet: it waits for its first one like everybody
    case EnqueueReason::Yielded: // it gave the rest of its turn away
        left = 0;
        break;
    case EnqueueReason::Woken:     // it blocked or slept in the middle of its turn
    case EnqueueReason::Preempted: // its slice is used up (0 left), or a more urgent thread came
        break;
    }
    // Only a thread's own ticks on the CPU shorten its slice (on_tick), so a thread cannot
    // come back here with more than it had: blocking buys no extra time, it only keeps the turn.
    Level& level = m_levels[thread.priority()];
    VERIFY(left > 0 ? level.resuming.push_back(thread) : level.waiting.push_back(thread));
    m_non_empty_levels |= 1u << thread.priority();
}

void RoundRobinPolicy::dequeue(Thread& thread) {
    Level& level = m_levels[thread.priority()];
    VERIFY(level.resuming.remove(thread) || level.waiting.remove(thread));
    if (level.is_empty())
        m_non_empty_levels &= ~(1u << thread.priority());
}

Thread* RoundRobinPolicy::pick_next() {
    if (m_non_empty_levels == 0)
        return nullptr;
    unsigned priority = highest_set_bit(m_non_empty_levels);
    Level& level = m_levels[priority];
    Thread* thread = level.resuming.pop_front();
    if (thread == nullptr)
        thread = level.waiting.pop_front();
    if (level.is_empty())
        m_non_empty_levels &= ~(1u << priority);
    uint32_t& left = thread->scheduling_state().time_slice_left;
    if (left == 0)
        left = m_quantum_ticks; // a new turn
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
    // Only a more urgent thread takes the CPU at once. A woken thread of the same level waits
    // for the running one's slice to end (or for it to block): slices are charged in whole
    // ticks to whoever holds the CPU when the timer fires, so a thread that could take the CPU
    // back at every wake-up could run between the ticks and never be charged.
    return candidate.priority() > running.priority();
}

size_t RoundRobinPolicy::ready_count() const {
    size_t count = 0;
    for (const Level& level : m_levels)
        count += level.size();
    return count;
}

// What enqueue and pick_next keep true: a level's threads are ready and of its priority, those
// finishing a turn have ticks left and those waiting for one have none, and the mask has a bit
// exactly for the non-empty levels.
const char* RoundRobinPolicy::find_inconsistency(size_t ready_threads) const {
    size_t queued = 0;
    for (unsigned priority = 0; priority < PRIORITY_LEVELS; ++priority) {
        const Level& level = m_levels[priority];
        bool marked = (m_non_empty_levels & (1u << priority)) != 0;
        if (marked == level.is_empty())
            return "the mask of non-empty levels disagrees with a level";
        for (const Thread& thread : level.resuming) {
            if (thread.scheduling_state().time_slice_left == 0)
                return "a thread finishing its turn has no ticks left";
        }
        for (const Thread& thread : level.waiting) {
            if (thread.scheduling_state().time_slice_left != 0)
                return "a thread waiting for a new turn still has ticks left";
        }
        const ThreadQueue* queues[] = {&level.resuming, &level.waiting};
        for (const ThreadQueue* queue : queues) {
            for (const Thread& thread : *queue) {
                if (thread.state() != ThreadState::Ready)
                    return "a thread in the ready set is not in state Ready";
                if (thread.priority() != priority)
                    return "a thread is on the level of another priority";
            }
        }
        queued += level.size();
    }
    if (queued != ready_threads)
        return "the ready set does not hold exactly the threads in state Ready";
    return nullptr;
}
