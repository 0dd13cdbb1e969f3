// Host tests of the benchmark statistics: sorting, nearest-rank percentiles, the summary a
// benchmark line reports, and how a measured sample becomes the cost of one operation.
#include "kernel/bench/statistics.h"
#include "tests/host/kernel_panic_double.h"
#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace {

TEST(BenchStatistics, SortsLikeTheStandardLibrary) {
    std::mt19937_64 random(8);
    for (size_t count : {0u, 1u, 2u, 3u, 10u, 101u, 2001u}) {
        std::vector<uint64_t> values(count);
        for (uint64_t& value : values)
            value = random() % 50; // many equal values
        std::vector<uint64_t> expected = values;
        std::sort(expected.begin(), expected.end());
        bench::sort(values.data(), values.size());
        EXPECT_EQ(values, expected) << count << " values";
    }
}

TEST(BenchStatistics, SortsAlreadySortedAndReversedInput) {
    std::vector<uint64_t> ascending{1, 2, 3, 4, 5, 6, 7};
    std::vector<uint64_t> descending{7, 6, 5, 4, 3, 2, 1};
    bench::sort(ascending.data(), ascending.size());
    bench::sort(descending.data(), descending.size());
    EXPECT_EQ(ascending, (std::vector<uint64_t>{1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(descending, ascending);
}

TEST(BenchStatistics, PercentilesFollowTheNearestRankRule) {
    std::vector<uint64_t> sorted;
    for (uint64_t value = 1; value <= 10; ++value)
        sorted.push_back(value * 100);
    EXPECT_EQ(bench::percentile(sorted.data(), 10, 0), 100u);
    EXPECT_EQ(bench::percentile(sorted.data(), 10, 10), 100u); // ceil(1.0) = 1st
    EXPECT_EQ(bench::percentile(sorted.data(), 10, 11), 200u); // ceil(1.1) = 2nd
    EXPECT_EQ(bench::percentile(sorted.data(), 10, 50), 500u); // 5th
    EXPECT_EQ(bench::percentile(sorted.data(), 10, 90), 900u); // 9th
    EXPECT_EQ(bench::percentile(sorted.data(), 10, 100), 1000u);
}

TEST(BenchStatistics, TheMedianOfAnOddCountIsTheMiddleSample) {
    std::vector<uint64_t> samples(2001);
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = 2000 - i; // 2000 down to 0
    bench::Summary summary = bench::summarize(samples.data(), samples.size());
    EXPECT_EQ(summary.samples, 2001u);
    EXPECT_EQ(summary.minimum, 0u);
    EXPECT_EQ(summary.median, 1000u);
    EXPECT_EQ(summary.p10, 200u); // the 201st smallest
    EXPECT_EQ(summary.p90, 1800u);
    EXPECT_EQ(summary.maximum, 2000u);
}

TEST(BenchStatistics, RareLongSamplesMoveTheMaximumButNotTheMedian) {
    // What a timer interrupt inside a few samples looks like.
    std::vector<uint64_t> samples(1001, 400);
    samples[17] = 90000;
    samples[500] = 120000;
    bench::Summary summary = bench::summarize(samples.data(), samples.size());
    EXPECT_EQ(summary.median, 400u);
    EXPECT_EQ(summary.p90, 400u);
    EXPECT_EQ(summary.maximum, 120000u);
}

TEST(BenchStatistics, OneSampleIsEveryStatistic) {
    uint64_t sample = 42;
    bench::Summary summary = bench::summarize(&sample, 1);
    EXPECT_EQ(summary.minimum, 42u);
    EXPECT_EQ(summary.p10, 42u);
    EXPECT_EQ(summary.median, 42u);
    EXPECT_EQ(summary.p90, 42u);
    EXPECT_EQ(summary.maximum, 42u);
}

TEST(BenchStatistics, NoSamplesIsABug) {
    uint64_t unused = 0;
    EXPECT_THROW(bench::summarize(&unused, 0), KernelPanic);
}

TEST(BenchStatistics, CostPerOperationTakesOffTheOverheadAndShares) {
    EXPECT_EQ(bench::cost_per_operation(1026, 26, 1), 1000u);
    EXPECT_EQ(bench::cost_per_operation(1026, 26, 2), 500u);
    EXPECT_EQ(bench::cost_per_operation(1027, 26, 2), 501u); // 500.5 rounds up
    EXPECT_EQ(bench::cost_per_operation(1028, 26, 3), 334u); // 334.0
    EXPECT_EQ(bench::cost_per_operation(1029, 26, 3), 334u); // 334.3 rounds down
}

TEST(BenchStatistics, CostPerOperationIsNeverNegative) {
    EXPECT_EQ(bench::cost_per_operation(20, 26, 1), 0u);
    EXPECT_EQ(bench::cost_per_operation(26, 26, 4), 0u);
}

TEST(BenchStatistics, ZeroOperationsPerSampleIsABug) {
    EXPECT_THROW(bench::cost_per_operation(100, 0, 0), KernelPanic);
}

} // namespace
