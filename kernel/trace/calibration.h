// The rate of the CPU's time-stamp counter, which trace time stamps are read from. It is not
// known in advance (it is the host's under QEMU's TCG), so it is measured against the PIT.
#pragma once

#include "kernel/trace/event_text.h"

namespace trace {

// Counts TSC cycles across whole timer ticks, several times, and takes the median. Needs the
// timer running and interrupts on; takes about CALIBRATION_TICKS timer ticks.
Timebase calibrate_timestamp_counter();

constexpr uint32_t CALIBRATION_SAMPLES = 5;
constexpr uint32_t TICKS_PER_SAMPLE = 2;
constexpr uint32_t CALIBRATION_TICKS = CALIBRATION_SAMPLES * TICKS_PER_SAMPLE + 1;

} // namespace trace
