// Benchmarks: what a switch, a lock, a thread, a system call and a timer tick cost, in TSC
// cycles. The kernel command line "bench=all" (or "bench=name,name", where a name may be the
// start of several: "bench=yield" runs every yield benchmark, "bench=user" every user-space one)
// makes kernel_main run them instead of the normal start-up: first the kernel's own, then the
// program /bench/suite (user_suite.h) with the same selection. "bench_samples=N" sets the
// samples per benchmark (default 2001).
//
// Each benchmark prints one line on the console, which tools/bench/bench.py reads from the
// serial log to print the table and write build/bench.json (docs/performance.md):
//
//   BENCH name=mutex_uncontended where=kernel per="lock+unlock" samples=2001 median=412
//         p10=405 p90=431 min=398 max=9012 what="mutex lock+unlock, nobody else wants it"
//
// framed by a BENCH-BEGIN line and a BENCH-END line. Then QEMU exits.
#pragma once

namespace bench {

constexpr unsigned DEFAULT_SAMPLES = 2001;
constexpr unsigned MINIMUM_SAMPLES = 11;
constexpr unsigned MAXIMUM_SAMPLES = 100001;

// Runs the benchmarks that `selection` names and ends the emulator: success when every one of
// them ran, failure when one could not (or the selection names none).
[[noreturn]] void run(const char* selection);

} // namespace bench
