// The benchmark harness: runs an operation many times, takes the CPU's time-stamp counter (TSC)
// around each run, and hands the samples to statistics.h for the median and spread.
//
// A benchmark is a function that fills a Sampler. The common case is one call:
//
//     sampler.time_each(1, [&]() -> libk::ErrorOr<void> {
//         TRY(mutex.lock());
//         return mutex.unlock();
//     });
//
// which runs the operation untimed a few times first (the warm-up: under QEMU the first runs
// of any code also pay for translating it), then once per sample between two TSC reads. The
// cost of those two reads, measured once at start-up, is taken off every sample. A sample may
// cover several operations (a ping-pong round trip is two hand-offs); the report is per
// operation. Benchmarks that must time things themselves (the timer tick) call record().
#pragma once

#include "arch/cpu.h"
#include "libk/error_or.h"

namespace bench {

class Sampler {
public:
    Sampler(uint64_t* buffer, uint32_t capacity, uint64_t timestamp_overhead)
        : m_samples(buffer), m_capacity(capacity), m_timestamp_overhead(timestamp_overhead) {}
    Sampler(const Sampler&) = delete;
    Sampler& operator=(const Sampler&) = delete;

    // How many samples a benchmark takes (the command line's bench_samples=, or less after
    // limit()).
    uint32_t capacity() const { return m_capacity; }
    // Untimed runs before the samples: a tenth of the samples, at least 10.
    uint32_t warm_up_count() const { return m_capacity / 10 > 10 ? m_capacity / 10 : 10; }
    // For a benchmark whose samples are slow to come by (one per timer tick).
    void limit(uint32_t capacity) {
        if (capacity < m_capacity)
            m_capacity = capacity;
    }

    // Runs `operation` for the warm-up, then times it once per sample; each run performs
    // `operations_per_run` of the operations the benchmark reports on. Stops at the first error.
    template <typename Operation>
    libk::ErrorOr<void> time_each(uint32_t operations_per_run, Operation operation) {
        for (uint32_t run = 0; run < warm_up_count(); ++run)
            TRY(operation());
        while (m_count < m_capacity) {
            uint64_t start = arch::read_timestamp_counter();
            libk::ErrorOr<void> result = operation();
            uint64_t end = arch::read_timestamp_counter();
            TRY(result);
            record(end - start, operations_per_run);
        }
        return {};
    }

    // One sample of `cycles` measured between two TSC reads around `operations` operations.
    void record(uint64_t cycles, uint32_t operations);
    // One sample that is already the cost of one operation (nothing taken off).
    void record_net(uint64_t cycles);

    // Extra figures for the report line ("key=value"), such as the thread count of a scaling run.
    void add_detail(const char* key, uint64_t value);

    bool is_full() const { return m_count == m_capacity; }
    uint32_t count() const { return m_count; }
    uint64_t* samples() { return m_samples; }

    static constexpr uint32_t MAXIMUM_DETAILS = 4;
    struct Detail {
        const char* key;
        uint64_t value;
    };
    uint32_t detail_count() const { return m_detail_count; }
    const Detail& detail(uint32_t index) const { return m_details[index]; }

private:
    uint64_t* m_samples;
    uint32_t m_capacity;
    uint32_t m_count = 0;
    uint64_t m_timestamp_overhead;
    Detail m_details[MAXIMUM_DETAILS] = {};
    uint32_t m_detail_count = 0;
};

// One benchmark of the table: its name (for the command line and the JSON file), what one
// operation is ("switch", "lock+unlock"), a sentence for the table, and the function that
// fills the sampler. An error (no memory for its threads, say) skips it with a report.
struct Benchmark {
    const char* name;
    const char* operation;
    const char* description;
    libk::ErrorOr<void> (*run)(Sampler& sampler);
};

// The median cost of reading the TSC twice in a row, which every timed sample includes.
uint64_t measure_timestamp_overhead();

// Loads and stores that the compiler may not cache in a register or reorder: flags that one
// benchmark thread sets and another polls.
inline bool load_flag(const bool& flag) {
    return __atomic_load_n(&flag, __ATOMIC_SEQ_CST);
}
inline void store_flag(bool& flag, bool value) {
    __atomic_store_n(&flag, value, __ATOMIC_SEQ_CST);
}

} // namespace bench
