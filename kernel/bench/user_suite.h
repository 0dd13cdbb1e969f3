// The user-space half of the benchmarks: the program /bench/suite (user/bench/suite/), started
// by the kernel after its own benchmarks as a child of the kernel process. It prints its own
// BENCH lines (where=user) on the console, the way the kernel prints its lines.
#pragma once

#include "libk/types.h"

namespace bench {

enum class SuiteOutcome {
    AllRan,       // every selected user benchmark ran
    SomeFailed,   // one could not run (its BENCH-SKIPPED line says why), or the program failed
    NoneSelected, // the selection names no user benchmark
    Missing,      // no /bench/suite in the initrd
};

// Runs /bench/suite with the selection and the samples per benchmark, and waits for it.
SuiteOutcome run_user_suite(const char* selection, uint32_t samples);

const char* to_string(SuiteOutcome outcome);

} // namespace bench
