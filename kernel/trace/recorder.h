// Inside the trace: what trace.cpp (start, finish, the writer) needs from recorder.cpp (the
// hooks' side). Not for use elsewhere.
#pragma once

#include "kernel/trace/ring.h"

namespace trace {

// The one ring. Touch it only with interrupts disabled.
RecordRing& ring();

// Records the threads that exist already (thread_create, except for idle) and the one running
// now (running), so that the trace starts from a known state. Interrupts disabled.
void record_initial_state();

} // namespace trace
