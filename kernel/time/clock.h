// Kernel time, counted in timer interrupts (ticks) since the PIT was started.
#pragma once

#include "libk/types.h"

namespace arch {
struct InterruptFrame;
}

namespace clock {

// The tick rate: "hz=N" on the kernel command line, within [MINIMUM_HZ, MAXIMUM_HZ]. The low
// end is the PIT's (its divisor has 16 bits); above the high end the kernel would spend a
// visible share of its time in the tick handler under emulation.
constexpr uint32_t DEFAULT_HZ = 100;
constexpr uint32_t MINIMUM_HZ = 19;
constexpr uint32_t MAXIMUM_HZ = 1000;

// Programs the timer to interrupt `hz` times per second (kernel command line "hz=", default 100)
// and starts counting. Interrupts must still be off; kernel_main turns them on afterwards.
void initialize(uint32_t hz);
uint32_t hz();
uint64_t ticks();
uint64_t uptime_ms();

// Called on every tick, in interrupt context with interrupts off, after the count went up and
// the PIC was acknowledged (the scheduler hooks in here to wake sleepers and end time slices;
// it may switch threads). `frame` holds the interrupted registers. One handler; nullptr removes
// it. Returns the handler it replaces, so that a test can put it back.
using TickHandler = void (*)(arch::InterruptFrame& frame);
TickHandler set_tick_handler(TickHandler handler);

} // namespace clock
