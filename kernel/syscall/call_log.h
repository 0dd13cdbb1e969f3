// The system-call log: with syscall_log=on on the kernel command line, the dispatcher records
// every call (process, thread, number, the five argument registers, the result) in a ring of the
// last CAPACITY calls, and a panic report ends with them, so a crash found by the fuzzer names
// the calls that led to it (docs/fuzzing.md). Off by default: it costs two short critical
// sections per call.
#pragma once

#include "libk/types.h"

namespace system_call::call_log {

constexpr size_t CAPACITY = 48;

// Reads the switch and, when on, adds the ring to the panic report. Once, at boot.
void initialize();
bool is_on();

// Records a call as it starts (so a call that never returns, or panics, is in the ring too) and
// returns its sequence number for finish(); 0 when the log is off.
uint32_t begin(uint32_t number, const uint32_t (&arguments)[5]);
// Records the result of call `sequence` (the value, or the negated error number), unless the
// ring has moved past it while it was blocked.
void finish(uint32_t sequence, uint32_t result);

// Prints the ring, oldest first, one line per call.
void print();

} // namespace system_call::call_log
