/* The user-space benchmark harness: the method of the kernel's (kernel/bench/harness.h) for
 * user programs. An operation runs untimed for a warm-up, then once per sample between two reads
 * of the time-stamp counter; the cost of timing an empty operation is taken off every sample; a
 * sample covering several operations is shared among them. The report is the kernel's BENCH
 * line with where=user, which tools/bench reads from the serial log. */
#pragma once

#include <stdint.h>

/* An operation to time: returns 0, or an errno value that stops the benchmark. */
typedef int (*bench_operation)(void* context);

#define SAMPLER_MAXIMUM_DETAILS 4

struct sampler {
    uint64_t* samples;
    uint32_t capacity; /* samples to take */
    uint32_t count;    /* samples taken */
    uint64_t overhead; /* the cost of timing an empty operation, taken off each sample */
    const char* detail_keys[SAMPLER_MAXIMUM_DETAILS];
    uint64_t detail_values[SAMPLER_MAXIMUM_DETAILS];
    uint32_t detail_count;
};

/* The CPU's time-stamp counter, read in user mode. The kernel leaves CR4.TSD clear, so rdtsc
 * needs no system call (os_read_cycles() is one, which would add a system call's cost and
 * noise to every measurement of something as small as a system call). */
static inline uint64_t read_cycles(void) {
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

/* An empty sampler over `buffer`, which holds `capacity` samples. */
void sampler_start(struct sampler* sampler, uint64_t* buffer, uint32_t capacity, uint64_t overhead);
/* For benchmarks whose samples are slow to come by. */
void sampler_limit(struct sampler* sampler, uint32_t capacity);
uint32_t sampler_warm_up_count(const struct sampler* sampler);

/* Runs the warm-up, then one timed run of `operation(context)` per sample; each run performs
 * `operations_per_run` operations. Returns 0, or the first error of the operation. */
int sampler_time_each(struct sampler* sampler, uint32_t operations_per_run,
                      bench_operation operation, void* context);
/* One sample already measured: `cycles` around `operations` operations (overhead taken off). */
void sampler_record(struct sampler* sampler, uint64_t cycles, uint32_t operations);
void sampler_add_detail(struct sampler* sampler, const char* key, uint64_t value);

/* Prints the BENCH line of a full sampler (sorting its samples). */
void sampler_report(struct sampler* sampler, const char* name, const char* per, const char* what);

/* The median cost of timing an empty operation through sampler_time_each(), reported as the
 * benchmark `user_timestamp_read`. */
uint64_t measure_timing_overhead(uint64_t* buffer, uint32_t capacity);
