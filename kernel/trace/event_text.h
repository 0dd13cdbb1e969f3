// Turns a trace record (record.h) into its line of text (docs/trace-format.md). The trace writer
// calls this long after the event, so recording never formats anything; the host tests check
// every kind of line.
#pragma once

#include "kernel/trace/record.h"

namespace trace {

// How TSC cycles become microseconds: the TSC's rate, measured at boot (calibration.h).
struct Timebase {
    uint64_t cycles_per_millisecond = 1;
};

uint64_t to_microseconds(uint64_t cycles, const Timebase& timebase);

// Writes the line of `record` (without the newline) into `line` and returns its length, at most
// size - 1. `name` is the record's name, or "" when it has none.
size_t format_event(const Record& record, const char* name, const Timebase& timebase, char* line,
                    size_t size);

} // namespace trace
