// Synchronization benchmarks: a mutex and a one-key semaphore taken and given back by one thread
// (nobody else wants them), the same two passed between two threads that both want them
// (hand-off), and two threads signalling each other through a pair of semaphores (ping-pong).
//
// In the contended ones a sample is one round trip of the measuring thread: it gives the lock
// (or signal) to the partner and waits until it comes back, which is two hand-offs and two
// switches, so the report is per hand-off.
#include "kernel/bench/benchmarks.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/semaphore.h"

namespace bench {
namespace {

// Runs `partner_entry(shared)` in a second thread, waits until `partner_is_waiting()` says it
// is blocked where the measurement needs it, takes the samples, then lets it finish with
// `release()` and joins it. The partner's exit value is 0 unless a lock operation failed.
template <typename Shared, typename IsWaiting, typename Operation, typename Release>
libk::ErrorOr<void> with_partner(Sampler& sampler, ThreadEntry partner_entry, Shared& shared,
                                 IsWaiting partner_is_waiting, Operation operation,
                                 Release release) {
    libk::ErrorOr<ThreadId> created = kernel_thread::create("partner", partner_entry, &shared);
    if (created.is_error()) {
        release(); // what this thread holds goes back, with nobody to take it
        return created.error();
    }
    ThreadId partner = created.value();
    while (!partner_is_waiting())
        this_thread::yield();
    libk::ErrorOr<void> result = sampler.time_each(2, operation);
    store_flag(shared.stop, true);
    release();
    libk::ErrorOr<intptr_t> joined = kernel_thread::join(partner);
    if (result.is_error())
        return result;
    if (joined.is_error())
        return joined.error();
    return joined.value() == 0 ? libk::ErrorOr<void>() : libk::Error::InvalidArgument;
}

size_t waiters_of(const Mutex& mutex) {
    InterruptGuard guard;
    return mutex.waiter_count();
}

size_t waiters_of(const Semaphore& semaphore) {
    InterruptGuard guard;
    return semaphore.waiter_count();
}

struct MutexHandoff {
    Mutex mutex{"bench"};
    bool stop = false;
};

// Takes the mutex as soon as the measuring thread hands it over, and hands it straight back.
intptr_t take_mutex_and_give_back(void* argument) {
    auto* shared = static_cast<MutexHandoff*>(argument);
    for (;;) {
        if (shared->mutex.lock().is_error())
            return 1;
        bool stop = load_flag(shared->stop);
        if (shared->mutex.unlock().is_error())
            return 1;
        if (stop)
            return 0;
    }
}

struct SemaphoreHandoff {
    Semaphore key{1, "bench"};
    bool stop = false;
};

intptr_t take_key_and_give_back(void* argument) {
    auto* shared = static_cast<SemaphoreHandoff*>(argument);
    for (;;) {
        shared->key.wait();
        bool stop = load_flag(shared->stop);
        shared->key.post();
        if (stop)
            return 0;
    }
}

struct PingPong {
    Semaphore ping{0, "ping"};
    Semaphore pong{0, "pong"};
    bool stop = false;
};

intptr_t answer_each_ping(void* argument) {
    auto* shared = static_cast<PingPong*>(argument);
    for (;;) {
        shared->ping.wait();
        if (load_flag(shared->stop))
            return 0;
        shared->pong.post();
    }
}

} // namespace

libk::ErrorOr<void> mutex_uncontended(Sampler& sampler) {
    Mutex mutex("bench");
    return sampler.time_each(1, [&mutex]() -> libk::ErrorOr<void> {
        TRY(mutex.lock());
        return mutex.unlock();
    });
}

libk::ErrorOr<void> semaphore_uncontended(Sampler& sampler) {
    Semaphore key(1, "bench");
    return sampler.time_each(1, [&key]() -> libk::ErrorOr<void> {
        key.wait();
        key.post();
        return {};
    });
}

// This thread holds the mutex and the partner waits for it. unlock() makes the partner the
// owner (FIFO hand-off); lock() then blocks, the partner runs, unlocks (handing it back) and
// blocks in its own lock() again.
libk::ErrorOr<void> mutex_handoff(Sampler& sampler) {
    MutexHandoff shared;
    TRY(shared.mutex.lock());
    return with_partner(
        sampler, take_mutex_and_give_back, shared, [&] { return waiters_of(shared.mutex) == 1; },
        [&]() -> libk::ErrorOr<void> {
            TRY(shared.mutex.unlock());
            return shared.mutex.lock();
        },
        [&] { (void)shared.mutex.unlock(); });
}

// The same with a semaphore of one key in place of the mutex.
libk::ErrorOr<void> semaphore_handoff(Sampler& sampler) {
    SemaphoreHandoff shared;
    shared.key.wait();
    return with_partner(
        sampler, take_key_and_give_back, shared, [&] { return waiters_of(shared.key) == 1; },
        [&]() -> libk::ErrorOr<void> {
            shared.key.post();
            shared.key.wait();
            return {};
        },
        [&] { shared.key.post(); });
}

// Signalling, not locking: post(ping) wakes the partner, wait(pong) blocks until it answers.
libk::ErrorOr<void> semaphore_ping_pong(Sampler& sampler) {
    PingPong shared;
    return with_partner(
        sampler, answer_each_ping, shared, [&] { return waiters_of(shared.ping) == 1; },
        [&]() -> libk::ErrorOr<void> {
            shared.ping.post();
            shared.pong.wait();
            return {};
        },
        [&] { shared.ping.post(); });
}

} // namespace bench
