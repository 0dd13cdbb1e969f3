// Two measurements, printed in the test log: what a switch between kernel threads costs (one
// thread yields to another) and what an uncontended mutex lock/unlock pair costs, in TSC cycles,
// as the median of many samples (a timer interrupt inside one sample does not move the median).
// Under QEMU's TCG the TSC follows the host clock, so the numbers measure the emulated machine.
// The only assertions are that the measurements happened; a cost is a number, not a verdict.
#include "arch/cpu.h"
#include "kernel/bench/statistics.h"
#include "kernel/console/console.h"
#include "kernel/debug/panic.h"
#include "kernel/sync/mutex.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

namespace {

constexpr int SAMPLES = 2001;

// The middle sample (SAMPLES is odd), through the benchmarks' own statistics.
uint64_t median(uint64_t* samples, int count) {
    return bench::summarize(samples, static_cast<size_t>(count)).median;
}

uint64_t g_samples[SAMPLES];

// The cost of reading the TSC twice in a row, subtracted from the other medians.
uint64_t timestamp_overhead() {
    for (uint64_t& sample : g_samples) {
        uint64_t start = arch::read_timestamp_counter();
        sample = arch::read_timestamp_counter() - start;
    }
    return median(g_samples, SAMPLES);
}

struct PingPong {
    bool stop = false;
};

intptr_t yield_until_stopped(void* argument) {
    auto* ping_pong = static_cast<PingPong*>(argument);
    while (!load(ping_pong->stop))
        this_thread::yield();
    return 0;
}

} // namespace

KERNEL_TEST(measure_yield_switch_and_uncontended_mutex) {
    uint64_t overhead = timestamp_overhead();

    // Yield: this thread and a partner yield to each other, so one sample is two switches.
    PingPong ping_pong;
    ThreadId partner = start("partner", yield_until_stopped, &ping_pong);
    this_thread::yield(); // let the partner reach its loop
    for (uint64_t& sample : g_samples) {
        uint64_t start = arch::read_timestamp_counter();
        this_thread::yield();
        sample = arch::read_timestamp_counter() - start;
    }
    uint64_t yield_round_trip = median(g_samples, SAMPLES);
    store(ping_pong.stop, true);
    finish(partner);

    Mutex mutex("measured");
    for (uint64_t& sample : g_samples) {
        uint64_t start = arch::read_timestamp_counter();
        VERIFY(!mutex.lock().is_error());
        VERIFY(!mutex.unlock().is_error());
        sample = arch::read_timestamp_counter() - start;
    }
    uint64_t mutex_pair = median(g_samples, SAMPLES);

    auto net = [&](uint64_t cycles) { return cycles > overhead ? cycles - overhead : 0; };
    console::print("measurement: reading the TSC twice: median %llu cycles\n", overhead);
    console::print("measurement: kernel thread yield switch: median %llu cycles per switch "
                   "(%llu per round trip of two switches, %d samples)\n",
                   net(yield_round_trip) / 2, net(yield_round_trip), SAMPLES);
    console::print("measurement: uncontended mutex lock+unlock: median %llu cycles (%d samples)\n",
                   net(mutex_pair), SAMPLES);
    EXPECT(yield_round_trip > 0);
    EXPECT(mutex_pair > 0);
}
