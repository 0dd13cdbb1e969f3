/* The user-space benchmarks: what a system call, a switch, a lock, a thread and a process cost
 * when a program asks for them. The kernel starts this program after its own benchmarks
 * (kernel/bench/bench.cpp) as
 *
 *     /bench/suite SELECTION SAMPLES
 *
 * where SELECTION is the kernel command line's bench= value (comma-separated names or their
 * beginnings, or "all"). One BENCH line per benchmark, as the kernel prints its own.
 * Exit status: 0 when every selected benchmark ran, 1 when one could not, 2 when none is
 * selected. */
#include "benchmarks.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct benchmark {
    const char* name;
    const char* per; /* what one operation is */
    const char* what;
    int (*run)(struct sampler* sampler);
};

static const struct benchmark BENCHMARKS[] = {
    {"user_null_system_call", "call", "getpid(): into the kernel and back", user_null_system_call},
    {"user_thread_yield", "switch", "user thread yields to another thread of its process",
     user_thread_yield},
    {"user_process_yield", "switch", "process yields to another process (page directory changes)",
     user_process_yield},
    {"user_process_yield_20", "switch", "20 processes yield in turn", user_process_yield_20},
    {"user_process_yield_60", "switch", "60 processes yield in turn", user_process_yield_60},
    {"user_process_round_trip", "round trip",
     "2 processes: post a named semaphore, wait for the other's answer", user_process_round_trip},
    {"user_mutex_uncontended", "lock+unlock", "pthread mutex (a kernel object), nobody waiting",
     user_mutex_uncontended},
    {"user_semaphore_uncontended", "wait+post", "one-key sem_t (a kernel object), nobody waiting",
     user_semaphore_uncontended},
    {"user_mutex_handoff", "hand-off", "pthread mutex passed between 2 threads that want it",
     user_mutex_handoff},
    {"user_semaphore_handoff", "hand-off", "one-key semaphore passed between 2 threads",
     user_semaphore_handoff},
    {"user_semaphore_ping_pong", "hand-off", "2 threads signal each other through 2 semaphores",
     user_semaphore_ping_pong},
    {"user_thread_create_join", "create+join", "pthread_create of a thread that returns, join",
     user_thread_create_join},
    {"user_spawn_wait", "spawn+wait", "posix_spawn of a program that ends at once, waitpid",
     user_spawn_wait},
    {"user_share_null_call_alone", "call", "getpid(), windows of 50 ticks",
     user_share_null_call_alone},
    {"user_share_null_call_busy1", "call", "getpid() next to 1 CPU-bound process",
     user_share_null_call_busy1},
    {"user_share_null_call_busy4", "call", "getpid() next to 4 CPU-bound processes",
     user_share_null_call_busy4},
    {"user_share_spawn_wait_alone", "spawn+wait", "posix_spawn+waitpid, windows of 50 ticks",
     user_share_spawn_wait_alone},
    {"user_share_spawn_wait_busy1", "spawn+wait", "posix_spawn+waitpid next to 1 CPU-bound process",
     user_share_spawn_wait_busy1},
    {"user_share_spawn_wait_busy4", "spawn+wait",
     "posix_spawn+waitpid next to 4 CPU-bound processes", user_share_spawn_wait_busy4},
    {"user_share_sleep_wake_alone", "hand-off", "2 threads wake each other, windows of 50 ticks",
     user_share_sleep_wake_alone},
    {"user_share_sleep_wake_busy1", "hand-off",
     "2 threads wake each other next to 1 CPU-bound process", user_share_sleep_wake_busy1},
    {"user_share_sleep_wake_busy4", "hand-off",
     "2 threads wake each other next to 4 CPU-bound processes", user_share_sleep_wake_busy4},
};
#define BENCHMARK_COUNT (sizeof BENCHMARKS / sizeof BENCHMARKS[0])

/* The kernel's rule (kernel/bench/bench.cpp): a word selects every name it begins. */
static bool is_selected(const char* name, const char* selection) {
    const char* word = selection;
    while (*word != '\0') {
        size_t length = strcspn(word, ",");
        if (length == 3 && strncmp(word, "all", 3) == 0)
            return true;
        if (length > 0 && strncmp(name, word, length) == 0)
            return true;
        word += length;
        if (*word == ',')
            ++word;
    }
    return false;
}

static bool run_one(const struct benchmark* benchmark, uint64_t* buffer, uint32_t samples,
                    uint64_t overhead) {
    struct sampler sampler;
    sampler_start(&sampler, buffer, samples, overhead);
    int error = benchmark->run(&sampler);
    if (error == 0 && sampler.count == 0)
        error = EINVAL; /* a benchmark that measured nothing is a bug */
    if (error != 0) {
        printf("BENCH-SKIPPED name=%s reason=\"%s\"\n", benchmark->name, strerror(error));
        return false;
    }
    sampler_report(&sampler, benchmark->name, benchmark->per, benchmark->what);
    return true;
}

int main(int argc, char** argv) {
    const char* selection = argc > 1 ? argv[1] : "all";
    unsigned long samples = argc > 2 ? strtoul(argv[2], NULL, 10) : 2001;
    if (samples < 11 || samples > 100001) {
        fprintf(stderr, "%s: samples must be in [11, 100001]\n", argv[0]);
        return 1;
    }
    size_t selected = 0;
    for (size_t index = 0; index < BENCHMARK_COUNT; ++index)
        selected += is_selected(BENCHMARKS[index].name, selection) ? 1 : 0;
    if (selected == 0)
        return 2;
    uint64_t* buffer = malloc(samples * sizeof *buffer);
    if (buffer == NULL) {
        printf("BENCH-SKIPPED name=user reason=\"no memory for %lu samples\"\n", samples);
        return 1;
    }
    uint64_t overhead = measure_timing_overhead(buffer, (uint32_t)samples);
    bool all_ran = true;
    for (size_t index = 0; index < BENCHMARK_COUNT; ++index) {
        if (is_selected(BENCHMARKS[index].name, selection) &&
            !run_one(&BENCHMARKS[index], buffer, (uint32_t)samples, overhead))
            all_ran = false;
    }
    free(buffer);
    return all_ran ? 0 : 1;
}
