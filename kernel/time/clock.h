// Kernel time, counted in timer interrupts (ticks) since the PIT was started.
#pragma once

#include "libk/types.h"

namespace clock {

// Programs the timer to interrupt `hz` times per second (kernel command line "hz=", default 100).
void initialize(uint32_t hz);
uint32_t hz();
uint64_t ticks();
uint64_t uptime_ms();

} // namespace clock
