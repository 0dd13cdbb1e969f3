// The numbers a benchmark reports: the median of its samples and their spread (minimum, 10th
// and 90th percentile, maximum). Pure arithmetic on an array, so the host tests check it.
// The harness (harness.h) fills the array; this file only sorts and reads it.
#pragma once

#include "libk/types.h"

namespace bench {

struct Summary {
    size_t samples = 0;
    uint64_t minimum = 0;
    uint64_t p10 = 0;
    uint64_t median = 0;
    uint64_t p90 = 0;
    uint64_t maximum = 0;
};

// Sorts `values` in ascending order, in place and without allocating (heap sort: O(n log n)
// even for the 100 000 samples the command line allows).
void sort(uint64_t* values, size_t count);

// The value below which `percent` percent of the sorted samples lie, by the nearest-rank rule:
// the ceil(percent / 100 * count)-th smallest value (the smallest for 0 percent). With an odd
// count the 50th percentile is the middle sample, the median. `count` must not be 0.
uint64_t percentile(const uint64_t* sorted, size_t count, unsigned percent);

// Sorts the samples and summarizes them. `count` must not be 0.
Summary summarize(uint64_t* samples, size_t count);

// One measured sample turned into the cost of one operation: the cost of the measurement
// itself (`overhead`) is taken off (never below zero), and the rest is shared among the
// `operations` the sample covered, rounded to the nearest cycle.
uint64_t cost_per_operation(uint64_t measured, uint64_t overhead, uint32_t operations);

} // namespace bench
