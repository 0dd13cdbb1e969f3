// The timer tick's own cost: how many cycles a running thread loses to one timer interrupt; and
// the cost of reading one device register, which every tick does twice (the PIC's acknowledgement
// and the serial port's status for Ctrl-T), to show where the tick's time goes under emulation.
//
// Method: this thread spins in a loop that reads the TSC and the tick count on every pass. A
// pass takes a few dozen cycles, except the one the timer interrupt lands in: that pass also
// holds the whole interrupt (the CPU's entry into the handler, saving the registers, the PIC's
// acknowledgement, the scheduler's tick, the return). The first pass that sees the tick count
// change is found at once; the span from the previous pass's TSC read to a read just after the
// change contains the interrupt wherever in the pass it landed. Taking off the same span
// measured without an interrupt (the loop with its "tick seen" test forced) leaves the cost of
// the interrupt alone. Every CPU cycle the tick costs is in it; nothing else is.
//
// No change to the tick handler is needed to measure it this way, and the figure is the one
// that matters to a program: the time it does not get. Every third tick also ends the thread's
// time slice (quantum 3); with nobody else ready the scheduler picks it again, and that shows
// in the upper percentiles. The TSC cycles between two ticks are reported as "period".
#include "arch/serial.h"
#include "kernel/bench/benchmarks.h"
#include "kernel/bench/statistics.h"
#include "kernel/time/clock.h"
#include "libk/new.h"

namespace bench {
namespace {

// One sample per tick: 201 ticks take two seconds at 100 Hz.
constexpr uint32_t MAXIMUM_TICKS = 201;
// The first ticks after the start are not counted (the loop's code is still being translated).
constexpr uint32_t WARM_UP_TICKS = 3;
constexpr uint32_t CALIBRATION_PASSES = 1001;

enum class Mode { Measure, Calibrate };

struct Span {
    uint64_t cycles; // from the previous pass's TSC read to the read after the tick was seen
    uint64_t end;    // that last read
};

// Spins until the tick count moves past `seen_tick` (Measure), or for exactly two passes with
// the test forced true on the second (Calibrate), and returns the span of the last pass.
Span spin(uint64_t& seen_tick, Mode mode) {
    uint64_t previous = arch::read_timestamp_counter();
    for (uint32_t pass = 0;; ++pass) {
        uint64_t now = arch::read_timestamp_counter();
        uint64_t tick = clock::ticks();
        if (tick != seen_tick || (mode == Mode::Calibrate && pass == 1)) {
            uint64_t after = arch::read_timestamp_counter();
            seen_tick = tick;
            return {after - previous, after};
        }
        previous = now;
    }
}

// The median span of a pass that no interrupt landed in (the rare one that did is an outlier
// the median ignores). `scratch` holds CALIBRATION_PASSES values.
uint64_t quiet_span(uint64_t* scratch) {
    uint64_t seen_tick = clock::ticks();
    for (uint32_t pass = 0; pass < CALIBRATION_PASSES; ++pass)
        scratch[pass] = spin(seen_tick, Mode::Calibrate).cycles;
    return summarize(scratch, CALIBRATION_PASSES).median;
}

} // namespace

libk::ErrorOr<void> timer_tick(Sampler& sampler) {
    sampler.limit(MAXIMUM_TICKS);
    auto* scratch = new (std::nothrow)
        uint64_t[CALIBRATION_PASSES > MAXIMUM_TICKS ? CALIBRATION_PASSES : MAXIMUM_TICKS];
    if (scratch == nullptr)
        return libk::Error::OutOfMemory;
    uint64_t quiet = quiet_span(scratch);

    uint64_t seen_tick = clock::ticks();
    uint64_t last_tick_end = 0;
    for (uint32_t tick = 0; tick < WARM_UP_TICKS; ++tick)
        last_tick_end = spin(seen_tick, Mode::Measure).end;
    uint32_t periods = 0;
    while (!sampler.is_full()) {
        Span span = spin(seen_tick, Mode::Measure);
        sampler.record_net(span.cycles > quiet ? span.cycles - quiet : 0);
        scratch[periods++] = span.end - last_tick_end;
        last_tick_end = span.end;
    }
    sampler.add_detail("period", summarize(scratch, periods).median);
    sampler.add_detail("quiet_pass", quiet);
    delete[] scratch;
    return {};
}

// One `in` instruction from the serial port's line status register (is a byte waiting?). On a
// real PC an I/O port access takes about a microsecond; under QEMU it leaves the translated
// code for the device model.
libk::ErrorOr<void> port_read(Sampler& sampler) {
    return sampler.time_each(1, []() -> libk::ErrorOr<void> {
        (void)arch::serial::has_input();
        return {};
    });
}

} // namespace bench
