/* Median and spread of benchmark samples, by the rules of the kernel's statistics
 * (kernel/bench/statistics.h, tested on the host): heap sort, nearest-rank percentiles, and the
 * cost per operation with the measurement's own cost taken off. */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct summary {
    size_t samples;
    uint64_t minimum, p10, median, p90, maximum;
};

void sort_samples(uint64_t* values, size_t count);
/* The ceil(percent / 100 * count)-th smallest of `count` (> 0) sorted values. */
uint64_t percentile(const uint64_t* sorted, size_t count, unsigned percent);
/* Sorts the samples and summarizes them; count > 0. */
struct summary summarize(uint64_t* samples, size_t count);
/* (measured - overhead, never below 0) / operations, rounded to the nearest; operations > 0. */
uint64_t cost_per_operation(uint64_t measured, uint64_t overhead, uint32_t operations);
