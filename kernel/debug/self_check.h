// The kernel's self-check: walks the structures that every part of the kernel keeps consistent
// and reports, instead of panicking, whatever invariant is broken. The self_check system call
// runs it for a test or the fuzzer after a run (docs/fuzzing.md); a kernel test can call it too.
#pragma once

#include "libk/types.h"

namespace self_check {

// True when the kernel command line has self_check=on, the switch that opens the system call.
bool is_allowed();

// Checks, in turn: the kernel heap (every block's tags, the free list, poison), the scheduler
// (every thread where its state says it is, the policy's ready set), and the process table (each
// process's handles and the mutexes and semaphores behind them). Logs one "self-check:" line per
// broken invariant, with where it was found, and returns how many there were (0: all sound).
size_t run();

} // namespace self_check
