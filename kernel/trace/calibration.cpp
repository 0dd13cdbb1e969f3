// See calibration.h. A sample starts and ends right after a tick (the tick count just changed),
// so it spans exactly TICKS_PER_SAMPLE tick periods. On a busy host a timer interrupt can
// arrive late and stretch or shrink one sample; the median of several ignores that one.
#include "kernel/trace/calibration.h"
#include "arch/cpu.h"
#include "kernel/time/clock.h"

namespace trace {
namespace {

// Waits for the tick count to change and returns the TSC at that moment.
uint64_t timestamp_at_next_tick() {
    uint64_t start = clock::ticks();
    while (clock::ticks() == start)
        arch::pause();
    return arch::read_timestamp_counter();
}

void sort(uint64_t* values, uint32_t count) {
    for (uint32_t i = 1; i < count; ++i) {
        uint64_t value = values[i];
        uint32_t j = i;
        for (; j > 0 && values[j - 1] > value; --j)
            values[j] = values[j - 1];
        values[j] = value;
    }
}

} // namespace

Timebase calibrate_timestamp_counter() {
    uint64_t cycles[CALIBRATION_SAMPLES];
    uint64_t start = timestamp_at_next_tick();
    for (uint64_t& sample : cycles) {
        uint64_t end = start;
        for (uint32_t tick = 0; tick < TICKS_PER_SAMPLE; ++tick)
            end = timestamp_at_next_tick();
        sample = end - start;
        start = end;
    }
    sort(cycles, CALIBRATION_SAMPLES);
    uint64_t median = cycles[CALIBRATION_SAMPLES / 2];
    // One tick lasts 1000 / hz milliseconds (within 0.01 %: the PIT divisor is rounded).
    uint64_t per_millisecond = median * clock::hz() / (1000 * TICKS_PER_SAMPLE);
    return Timebase{per_millisecond > 0 ? per_millisecond : 1};
}

} // namespace trace
