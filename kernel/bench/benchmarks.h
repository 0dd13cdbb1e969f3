// The benchmarks themselves, one function each, listed in the table of bench.cpp. Each fills a
// Sampler (harness.h) with per-operation costs; docs/performance.md explains what each measures.
#pragma once

#include "kernel/bench/harness.h"

namespace bench {

// scheduling_benchmarks.cpp
libk::ErrorOr<void> yield_switch_2(Sampler& sampler);
libk::ErrorOr<void> yield_switch_100(Sampler& sampler);
libk::ErrorOr<void> yield_switch_1000(Sampler& sampler);
libk::ErrorOr<void> policy_pick_2(Sampler& sampler);
libk::ErrorOr<void> policy_pick_100(Sampler& sampler);
libk::ErrorOr<void> policy_pick_1000(Sampler& sampler);
libk::ErrorOr<void> thread_create_join(Sampler& sampler);

// timer_tick_benchmark.cpp
libk::ErrorOr<void> timer_tick(Sampler& sampler);
libk::ErrorOr<void> port_read(Sampler& sampler);

// sync_benchmarks.cpp
libk::ErrorOr<void> mutex_uncontended(Sampler& sampler);
libk::ErrorOr<void> semaphore_uncontended(Sampler& sampler);
libk::ErrorOr<void> mutex_handoff(Sampler& sampler);
libk::ErrorOr<void> semaphore_handoff(Sampler& sampler);
libk::ErrorOr<void> semaphore_ping_pong(Sampler& sampler);

} // namespace bench
