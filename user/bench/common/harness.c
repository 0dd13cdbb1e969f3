/* See harness.h. */
#include "harness.h"
#include "statistics.h"

#include <stdio.h>

void sampler_start(struct sampler* sampler, uint64_t* buffer, uint32_t capacity,
                   uint64_t overhead) {
    sampler->samples = buffer;
    sampler->capacity = capacity;
    sampler->count = 0;
    sampler->overhead = overhead;
    sampler->detail_count = 0;
}

void sampler_limit(struct sampler* sampler, uint32_t capacity) {
    if (capacity < sampler->capacity)
        sampler->capacity = capacity;
}

uint32_t sampler_warm_up_count(const struct sampler* sampler) {
    return sampler->capacity / 10 > 10 ? sampler->capacity / 10 : 10;
}

int sampler_time_each(struct sampler* sampler, uint32_t operations_per_run,
                      bench_operation operation, void* context) {
    for (uint32_t run = 0; run < sampler_warm_up_count(sampler); ++run) {
        int error = operation(context);
        if (error != 0)
            return error;
    }
    while (sampler->count < sampler->capacity) {
        uint64_t start = read_cycles();
        int error = operation(context);
        uint64_t end = read_cycles();
        if (error != 0)
            return error;
        sampler_record(sampler, end - start, operations_per_run);
    }
    return 0;
}

void sampler_record(struct sampler* sampler, uint64_t cycles, uint32_t operations) {
    if (sampler->count < sampler->capacity)
        sampler->samples[sampler->count++] =
            cost_per_operation(cycles, sampler->overhead, operations);
}

void sampler_add_detail(struct sampler* sampler, const char* key, uint64_t value) {
    if (sampler->detail_count < SAMPLER_MAXIMUM_DETAILS) {
        sampler->detail_keys[sampler->detail_count] = key;
        sampler->detail_values[sampler->detail_count++] = value;
    }
}

void sampler_report(struct sampler* sampler, const char* name, const char* per, const char* what) {
    struct summary summary = summarize(sampler->samples, sampler->count);
    printf("BENCH name=%s where=user per=\"%s\" samples=%zu median=%llu p10=%llu p90=%llu "
           "min=%llu max=%llu",
           name, per, summary.samples, (unsigned long long)summary.median,
           (unsigned long long)summary.p10, (unsigned long long)summary.p90,
           (unsigned long long)summary.minimum, (unsigned long long)summary.maximum);
    for (uint32_t index = 0; index < sampler->detail_count; ++index)
        printf(" %s=%llu", sampler->detail_keys[index],
               (unsigned long long)sampler->detail_values[index]);
    printf(" what=\"%s\"\n", what);
    fflush(stdout);
}

static int do_nothing(void* context) {
    (void)context;
    return 0;
}

uint64_t measure_timing_overhead(uint64_t* buffer, uint32_t capacity) {
    struct sampler sampler;
    sampler_start(&sampler, buffer, capacity, 0);
    /* Through a volatile pointer, so that the compiler cannot turn the call into nothing here
     * (it can see do_nothing) while the benchmarks pay for a real call through a pointer. */
    bench_operation volatile operation = do_nothing;
    sampler_time_each(&sampler, 1, operation, NULL);
    sampler_report(&sampler, "user_timestamp_read", "empty run",
                   "two TSC reads around an empty operation (taken off every user figure)");
    return percentile(sampler.samples, sampler.count, 50); /* sorted by the report */
}
