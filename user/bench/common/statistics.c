/* See statistics.h. */
#include "statistics.h"

static void swap(uint64_t* first, uint64_t* second) {
    uint64_t kept = *first;
    *first = *second;
    *second = kept;
}

/* Moves values[root] down the max-heap values[0, count) until both children are smaller. */
static void sift_down(uint64_t* values, size_t root, size_t count) {
    for (;;) {
        size_t largest = root;
        size_t left = 2 * root + 1;
        size_t right = left + 1;
        if (left < count && values[left] > values[largest])
            largest = left;
        if (right < count && values[right] > values[largest])
            largest = right;
        if (largest == root)
            return;
        swap(&values[root], &values[largest]);
        root = largest;
    }
}

void sort_samples(uint64_t* values, size_t count) {
    for (size_t root = count / 2; root-- > 0;)
        sift_down(values, root, count);
    for (size_t end = count; end > 1; --end) {
        swap(&values[0], &values[end - 1]);
        sift_down(values, 0, end - 1);
    }
}

uint64_t percentile(const uint64_t* sorted, size_t count, unsigned percent) {
    uint64_t rank = ((uint64_t)percent * count + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

struct summary summarize(uint64_t* samples, size_t count) {
    sort_samples(samples, count);
    struct summary summary = {
        .samples = count,
        .minimum = samples[0],
        .p10 = percentile(samples, count, 10),
        .median = percentile(samples, count, 50),
        .p90 = percentile(samples, count, 90),
        .maximum = samples[count - 1],
    };
    return summary;
}

uint64_t cost_per_operation(uint64_t measured, uint64_t overhead, uint32_t operations) {
    uint64_t net = measured > overhead ? measured - overhead : 0;
    return (net + operations / 2) / operations;
}
