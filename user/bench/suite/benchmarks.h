/* The user-space benchmarks, one function each, listed in the table of main.c. Each fills a
 * sampler (common/harness.h) and returns 0, or an errno value when it could not run. */
#pragma once

#include "harness.h"

/* A flag one thread sets and another polls: the compiler may not keep it in a register. */
static inline int load_flag(const int* flag) {
    return __atomic_load_n(flag, __ATOMIC_SEQ_CST);
}
static inline void store_flag(int* flag, int value) {
    __atomic_store_n(flag, value, __ATOMIC_SEQ_CST);
}

/* thread_benchmarks.c */
int user_thread_yield(struct sampler* sampler);
int user_thread_create_join(struct sampler* sampler);

/* process_benchmarks.c */
int user_null_system_call(struct sampler* sampler);
int user_process_yield(struct sampler* sampler);
int user_process_yield_20(struct sampler* sampler);
int user_process_yield_60(struct sampler* sampler);
int user_process_round_trip(struct sampler* sampler);
int user_spawn_wait(struct sampler* sampler);
/* posix_spawn of /bench/empty and waitpid for it: 0, or an errno value (also a bench_operation). */
int spawn_empty_and_wait(void* unused);

/* sync_benchmarks.c */
int user_mutex_uncontended(struct sampler* sampler);
int user_semaphore_uncontended(struct sampler* sampler);
int user_mutex_handoff(struct sampler* sampler);
int user_semaphore_handoff(struct sampler* sampler);
int user_semaphore_ping_pong(struct sampler* sampler);

/* share_benchmarks.c: alone, and next to 1 and 4 CPU-bound processes */
int user_share_null_call_alone(struct sampler* sampler);
int user_share_null_call_busy1(struct sampler* sampler);
int user_share_null_call_busy4(struct sampler* sampler);
int user_share_spawn_wait_alone(struct sampler* sampler);
int user_share_spawn_wait_busy1(struct sampler* sampler);
int user_share_spawn_wait_busy4(struct sampler* sampler);
int user_share_sleep_wake_alone(struct sampler* sampler);
int user_share_sleep_wake_busy1(struct sampler* sampler);
int user_share_sleep_wake_busy4(struct sampler* sampler);
