// See bench.h. The runner: which benchmarks the command line selects, the calibration of the
// TSC's own cost, one report line per benchmark, and the end of the run.
#include "kernel/bench/bench.h"
#include "arch/emulator.h"
#include "kernel/bench/benchmarks.h"
#include "kernel/bench/statistics.h"
#include "kernel/bench/user_suite.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/time/clock.h"
#include "libk/new.h"
#include "libk/string.h"

namespace bench {
namespace {

// The table, in the order the report lists it: cheap operations first, then the scaling runs.
constexpr Benchmark BENCHMARKS[] = {
    {"yield_switch", "switch", "kernel thread yields to kernel thread, 2 runnable", yield_switch_2},
    {"mutex_uncontended", "lock+unlock", "mutex lock+unlock, nobody else wants it",
     mutex_uncontended},
    {"semaphore_uncontended", "wait+post", "one-key semaphore wait+post, nobody else wants it",
     semaphore_uncontended},
    {"mutex_handoff", "hand-off", "mutex passed between 2 threads that both want it",
     mutex_handoff},
    {"semaphore_handoff", "hand-off", "one-key semaphore passed between 2 threads that want it",
     semaphore_handoff},
    {"semaphore_ping_pong", "hand-off", "2 threads signal each other through 2 semaphores",
     semaphore_ping_pong},
    {"thread_create_join", "create+join", "kernel thread created, run to its end, joined",
     thread_create_join},
    {"timer_tick", "tick", "cycles a running thread loses to one timer interrupt", timer_tick},
    {"port_read", "in", "one read of a device register (the serial port's status)", port_read},
    {"yield_switch_100", "switch", "yield switch, 100 runnable threads", yield_switch_100},
    {"yield_switch_1000", "switch", "yield switch, 1000 runnable threads", yield_switch_1000},
    {"policy_pick_2", "pick+enqueue", "round robin pick_next+enqueue alone, 2 ready",
     policy_pick_2},
    {"policy_pick_100", "pick+enqueue", "round robin pick_next+enqueue alone, 100 ready",
     policy_pick_100},
    {"policy_pick_1000", "pick+enqueue", "round robin pick_next+enqueue alone, 1000 ready",
     policy_pick_1000},
};

// Does `name` start with one of the comma-separated words of `selection` ("all" is every name)?
bool is_selected(const char* name, const char* selection) {
    const char* word = selection;
    while (*word != '\0') {
        size_t length = 0;
        while (word[length] != '\0' && word[length] != ',')
            ++length;
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

size_t selected_count(const char* selection) {
    size_t count = 0;
    for (const Benchmark& benchmark : BENCHMARKS)
        count += is_selected(benchmark.name, selection) ? 1 : 0;
    return count;
}

[[noreturn]] void finish(bool success) {
    arch::exit_emulator(success ? arch::EmulatorExit::Success : arch::EmulatorExit::Failure);
}

void print_line(const char* name, const char* operation, const char* description,
                Sampler& sampler) {
    Summary summary = summarize(sampler.samples(), sampler.count());
    console::print("BENCH name=%s where=kernel per=\"%s\" samples=%zu median=%llu p10=%llu "
                   "p90=%llu min=%llu max=%llu",
                   name, operation, summary.samples, summary.median, summary.p10, summary.p90,
                   summary.minimum, summary.maximum);
    for (uint32_t index = 0; index < sampler.detail_count(); ++index)
        console::print(" %s=%llu", sampler.detail(index).key, sampler.detail(index).value);
    console::print(" what=\"%s\"\n", description);
}

// Two TSC reads back to back: what every timed sample costs beyond the operation itself.
// Reported like a benchmark, and its median is then taken off every other sample.
uint64_t calibrate(uint64_t* buffer, uint32_t samples) {
    Sampler sampler(buffer, samples, 0);
    for (uint32_t run = 0; run < sampler.warm_up_count(); ++run)
        (void)arch::read_timestamp_counter();
    while (!sampler.is_full()) {
        uint64_t start = arch::read_timestamp_counter();
        uint64_t end = arch::read_timestamp_counter();
        sampler.record_net(end - start);
    }
    print_line("timestamp_read", "pair of reads",
               "two TSC reads back to back (taken off every other figure)", sampler);
    return percentile(sampler.samples(), sampler.count(), 50); // sorted by print_line
}

// Runs one benchmark; false if it could not.
bool run_one(const Benchmark& benchmark, uint64_t* buffer, uint32_t samples, uint64_t overhead) {
    Sampler sampler(buffer, samples, overhead);
    libk::ErrorOr<void> result = benchmark.run(sampler);
    if (!result.is_error() && sampler.count() == 0)
        result = libk::Error::InvalidArgument; // a benchmark that measured nothing is a bug
    if (result.is_error()) {
        console::print("BENCH-SKIPPED name=%s reason=\"%s\"\n", benchmark.name,
                       libk::error_description(result.error()));
        return false;
    }
    print_line(benchmark.name, benchmark.operation, benchmark.description, sampler);
    return true;
}

void list_benchmarks() {
    console::print("Kernel benchmarks:");
    for (const Benchmark& benchmark : BENCHMARKS)
        console::print(" %s", benchmark.name);
    console::print("\nThe user-space ones are listed in user/bench/suite/main.c.\n");
}

// Runs the selected kernel benchmarks; returns how many could not run.
size_t run_kernel_benchmarks(const char* selection, uint32_t samples) {
    auto* buffer = new (std::nothrow) uint64_t[samples];
    if (buffer == nullptr) {
        console::print("BENCH-SKIPPED name=kernel reason=\"no memory for %u samples\"\n", samples);
        return selected_count(selection);
    }
    uint64_t overhead = calibrate(buffer, samples);
    size_t skipped = 0;
    for (const Benchmark& benchmark : BENCHMARKS) {
        if (is_selected(benchmark.name, selection) &&
            !run_one(benchmark, buffer, samples, overhead))
            ++skipped;
    }
    delete[] buffer;
    return skipped;
}

} // namespace

void run(const char* selection) {
    uint32_t samples =
        command_line::number("bench_samples", DEFAULT_SAMPLES, MINIMUM_SAMPLES, MAXIMUM_SAMPLES);
    size_t count = selected_count(selection);
    console::print("Benchmarks: %zu in the kernel, then those of /bench/suite; %u samples each.\n",
                   count, samples);
    console::print("BENCH-BEGIN selection=\"%s\" kernel_benchmarks=%zu samples=%u hz=%u\n",
                   selection, count, samples, clock::hz());
    size_t skipped = count > 0 ? run_kernel_benchmarks(selection, samples) : 0;
    SuiteOutcome user = run_user_suite(selection, samples);
    if (count == 0 && user == SuiteOutcome::NoneSelected) {
        console::print("BENCH-ERROR no benchmark matches \"%s\" (bench=all runs every one)\n",
                       selection);
        list_benchmarks();
        finish(false);
    }
    console::print("BENCH-END kernel_ran=%zu kernel_skipped=%zu user=%s\n", count - skipped,
                   skipped, to_string(user));
    finish(skipped == 0 && (user == SuiteOutcome::AllRan || user == SuiteOutcome::NoneSelected));
}

} // namespace bench
