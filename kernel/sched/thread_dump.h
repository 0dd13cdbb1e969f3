// The thread dump: "a thread is a set of registers", shown. For every thread it prints who it is
// (id, name, process, state, priority, CPU time) and the registers it would resume with: the
// saved eip (with the function it is in), esp and ebp of its Context and the backtrace from
// there; for a thread the timer preempted, also the whole interrupt frame of the code it was
// running when the tick came.
//
// Call it from code, or press Ctrl-T on the serial console (see thread_dump_key.cpp).
#pragma once

#include "libk/format.h"

namespace scheduler {

// To the console.
void dump_threads();
// To any character sink (tests read it back from a buffer).
void dump_threads(libk::FormatOutput output, void* context);

} // namespace scheduler
