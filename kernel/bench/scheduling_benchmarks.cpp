// Scheduling benchmarks: the yield switch between kernel threads (with 2, 100 and 1000 of them
// runnable, to show the switch does not grow with the number of threads), the policy's pick on
// its own at the same sizes, and the whole life of a kernel thread (create, run, join).
#include "kernel/bench/benchmarks.h"
#include "kernel/proc/process.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/round_robin_policy.h"
#include "libk/new.h"

namespace bench {
namespace {

bool g_stop_yielding;

// A partner of the yield benchmarks: gives the CPU away until told to stop.
intptr_t yield_until_stopped(void*) {
    while (!load_flag(g_stop_yielding))
        this_thread::yield();
    return 0;
}

// Stops the partners and collects them; the first error of a join, if any.
libk::ErrorOr<void> stop_partners(const ThreadId* partners, size_t count) {
    store_flag(g_stop_yielding, true);
    libk::ErrorOr<void> result;
    for (size_t index = 0; index < count; ++index) {
        libk::ErrorOr<intptr_t> joined = kernel_thread::join(partners[index]);
        if (joined.is_error() && !result.is_error())
            result = joined.error();
    }
    return result;
}

// `threads` runnable threads: this one and threads - 1 partners that yield in a loop. Round
// robin lets every partner run once before this thread's yield() returns, so one yield() here
// is `threads` switches.
libk::ErrorOr<void> yield_switch(Sampler& sampler, size_t threads) {
    size_t partner_count = threads - 1;
    auto* partners = new (std::nothrow) ThreadId[partner_count];
    if (partners == nullptr)
        return libk::Error::OutOfMemory;
    store_flag(g_stop_yielding, false);
    size_t started = 0;
    libk::ErrorOr<void> result;
    for (; started < partner_count; ++started) {
        libk::ErrorOr<ThreadId> partner =
            kernel_thread::create("yielder", yield_until_stopped, nullptr);
        if (partner.is_error()) {
            result = partner.error();
            break;
        }
        partners[started] = partner.value();
    }
    if (!result.is_error()) {
        result = sampler.time_each(static_cast<uint32_t>(threads), []() -> libk::ErrorOr<void> {
            this_thread::yield();
            return {};
        });
        sampler.add_detail("threads", threads);
    }
    libk::ErrorOr<void> stopped = stop_partners(partners, started);
    delete[] partners;
    return result.is_error() ? result : stopped;
}

// The round robin policy alone, on a private instance with `threads` ready threads that never
// run: one operation takes the next thread and puts it back at the end of its level, which is
// what a yield asks of the policy. No switch, no interrupt masking: only the pick.
libk::ErrorOr<void> policy_pick(Sampler& sampler, size_t threads) {
    auto* ready = new (std::nothrow) Thread*[threads];
    if (ready == nullptr)
        return libk::Error::OutOfMemory;
    RoundRobinPolicy policy(kernel_thread::DEFAULT_QUANTUM_TICKS);
    size_t made = 0;
    for (; made < threads; ++made) {
        ready[made] = new (std::nothrow) Thread(0, "ready", &kernel_process(), PRIORITY_DEFAULT);
        if (ready[made] == nullptr)
            break;
        policy.enqueue(*ready[made], EnqueueReason::Created);
    }
    libk::ErrorOr<void> result = libk::Error::OutOfMemory;
    if (made == threads) {
        result = sampler.time_each(1, [&policy]() -> libk::ErrorOr<void> {
            Thread* next = policy.pick_next();
            policy.enqueue(*next, EnqueueReason::Yielded);
            return {};
        });
        sampler.add_detail("threads", threads);
    }
    while (policy.pick_next() != nullptr) {
    }
    for (size_t index = 0; index < made; ++index)
        delete ready[index];
    delete[] ready;
    return result;
}

intptr_t return_at_once(void*) {
    return 0;
}

} // namespace

libk::ErrorOr<void> yield_switch_2(Sampler& sampler) {
    return yield_switch(sampler, 2);
}
libk::ErrorOr<void> yield_switch_100(Sampler& sampler) {
    return yield_switch(sampler, 100);
}
libk::ErrorOr<void> yield_switch_1000(Sampler& sampler) {
    return yield_switch(sampler, 1000);
}

libk::ErrorOr<void> policy_pick_2(Sampler& sampler) {
    return policy_pick(sampler, 2);
}
libk::ErrorOr<void> policy_pick_100(Sampler& sampler) {
    return policy_pick(sampler, 100);
}
libk::ErrorOr<void> policy_pick_1000(Sampler& sampler) {
    return policy_pick(sampler, 1000);
}

// One operation: allocate the thread (control block and a fresh kernel stack with its guard
// page), let it run (it returns at once), and join it, which frees both. The new thread has
// this thread's priority, so it first runs when join() blocks.
libk::ErrorOr<void> thread_create_join(Sampler& sampler) {
    return sampler.time_each(1, []() -> libk::ErrorOr<void> {
        ThreadId child = TRY(kernel_thread::create("child", return_at_once, nullptr));
        TRY(kernel_thread::join(child));
        return {};
    });
}

} // namespace bench
