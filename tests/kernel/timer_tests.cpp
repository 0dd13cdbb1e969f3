// Kernel tests of the timer: the PIT's tick count is compared with the CMOS real-time clock,
// which QEMU drives from the host's clock, so a wrong divisor or lost interrupts show up as a
// wrong rate. The tolerance is wide (15%) so a loaded host does not make the tests flaky.
#include "arch/cpu.h"
#include "arch/rtc.h"
#include "kernel/console/console.h"
#include "kernel/testing/kernel_test.h"
#include "kernel/time/clock.h"

namespace {

constexpr uint32_t MEASURED_SECONDS = 2;
constexpr uint32_t TOLERANCE_PERCENT = 15;

// Sleeps from tick to tick until the RTC's seconds differ from `second`; returns the new value.
uint8_t wait_for_second_after(uint8_t second) {
    uint8_t now;
    while ((now = arch::rtc::read_time().seconds) == second)
        arch::halt();
    return now;
}

// Ticks counted over MEASURED_SECONDS whole RTC seconds, starting at a second boundary.
uint64_t ticks_over_rtc_seconds() {
    uint8_t second = wait_for_second_after(arch::rtc::read_time().seconds);
    uint64_t start = clock::ticks();
    for (uint32_t i = 0; i < MEASURED_SECONDS; ++i)
        second = wait_for_second_after(second);
    return clock::ticks() - start;
}

void expect_rate(uint32_t hz) {
    EXPECT_EQ(clock::hz(), hz);
    EXPECT(arch::interrupts_enabled());
    uint64_t counted = ticks_over_rtc_seconds();
    uint64_t expected = static_cast<uint64_t>(hz) * MEASURED_SECONDS;
    uint64_t margin = expected * TOLERANCE_PERCENT / 100;
    console::print("counted %llu ticks in %u RTC seconds (expected %llu +- %llu)\n", counted,
                   MEASURED_SECONDS, expected, margin);
    if (counted < expected - margin || counted > expected + margin)
        testing::fail(__FILE__, __LINE__, "timer rate off: %llu ticks in %u s at %u Hz", counted,
                      MEASURED_SECONDS, hz);
}

} // namespace

KERNEL_TEST(timer_runs_at_100_hz_by_default) {
    expect_rate(100);
}

// tests/kernel/command-lines boots this one with "hz=250".
KERNEL_TEST(timer_runs_at_250_hz_from_command_line) {
    expect_rate(250);
}

// Booted with "hz=5", below what the PIT's 16-bit divisor allows: the default is used instead.
KERNEL_TEST(timer_rejects_out_of_range_rate) {
    EXPECT_EQ(clock::hz(), clock::DEFAULT_HZ);
}

KERNEL_TEST(ticks_advance_while_halted) {
    EXPECT(arch::interrupts_enabled());
    uint64_t start = clock::ticks();
    while (clock::ticks() < start + 10)
        arch::halt(); // each tick wakes the CPU; without interrupts this would never return
    uint64_t ticks = clock::ticks();
    uint64_t uptime = clock::uptime_ms();
    uint32_t hz = clock::hz();
    // uptime_ms() follows the tick count (allowing one more tick between the two reads).
    EXPECT(uptime >= ticks * 1000 / hz && uptime <= (ticks + 2) * 1000 / hz);
}
