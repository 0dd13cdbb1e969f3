// See statistics.h.
#include "kernel/bench/statistics.h"
#include "kernel/debug/panic.h"

namespace bench {
namespace {

void swap(uint64_t& first, uint64_t& second) {
    uint64_t kept = first;
    first = second;
    second = kept;
}

// Moves values[root] down the max-heap values[0, count) until both children are smaller.
void sift_down(uint64_t* values, size_t root, size_t count) {
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
        swap(values[root], values[largest]);
        root = largest;
    }
}

} // namespace

void sort(uint64_t* values, size_t count) {
    // Build a max-heap, then move its top (the largest left) to the end, one value at a time.
    for (size_t root = count / 2; root-- > 0;)
        sift_down(values, root, count);
    for (size_t end = count; end > 1; --end) {
        swap(values[0], values[end - 1]);
        sift_down(values, 0, end - 1);
    }
}

uint64_t percentile(const uint64_t* sorted, size_t count, unsigned percent) {
    VERIFY(count > 0 && percent <= 100);
    // rank = ceil(percent * count / 100), in whole numbers.
    uint64_t rank = (static_cast<uint64_t>(percent) * count + 99) / 100;
    return sorted[rank == 0 ? 0 : rank - 1];
}

Summary summarize(uint64_t* samples, size_t count) {
    VERIFY(count > 0);
    sort(samples, count);
    Summary summary;
    summary.samples = count;
    summary.minimum = samples[0];
    summary.p10 = percentile(samples, count, 10);
    summary.median = percentile(samples, count, 50);
    summary.p90 = percentile(samples, count, 90);
    summary.maximum = samples[count - 1];
    return summary;
}

uint64_t cost_per_operation(uint64_t measured, uint64_t overhead, uint32_t operations) {
    VERIFY(operations > 0);
    uint64_t net = measured > overhead ? measured - overhead : 0;
    return (net + operations / 2) / operations;
}

} // namespace bench
