// See sleep_queue.h.
#include "kernel/sched/sleep_queue.h"
#include "kernel/debug/panic.h"

void SleepQueue::add(Thread& thread, uint64_t wake_tick) {
    thread.set_wake_tick(wake_tick);
    // Walk back from the latest sleeper: a new sleep usually ends after those already queued.
    Thread* later = nullptr;
    for (Thread* sleeper = m_sleepers.last(); sleeper != nullptr;
         sleeper = m_sleepers.previous(*sleeper)) {
        if (sleeper->wake_tick() <= wake_tick)
            break;
        later = sleeper;
    }
    if (later == nullptr)
        VERIFY(m_sleepers.push_back(thread));
    else
        VERIFY(m_sleepers.insert_before(*later, thread));
}

Thread* SleepQueue::pop_due(uint64_t now) {
    Thread* first = m_sleepers.first();
    if (first == nullptr || first->wake_tick() > now)
        return nullptr;
    return m_sleepers.pop_front();
}

bool SleepQueue::remove(Thread& thread) {
    return m_sleepers.remove(thread);
}

const char* SleepQueue::find_inconsistency() const {
    uint64_t previous = 0;
    for (const Thread& thread : m_sleepers) {
        if (thread.state() != ThreadState::Sleeping)
            return "a thread in the sleep queue is not in state Sleeping";
        if (thread.wake_tick() < previous)
            return "the sleep queue is out of wake-up order";
        previous = thread.wake_tick();
    }
    return nullptr;
}
