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

// A loaded host can only make QEMU lose ticks (a late timer event is not made up for), never
// add any; a measurement may therefore be repeated, but a wrong divisor fails every attempt.
constexpr int ATTEMPTS = 3;

void expect_rate(uint32_t hz) {
    EXPECT_EQ(clock::hz(), hz);
    EXPECT(arch::interrupts_enabled());
    uint64_t expected = static_cast<uint64_t>(hz) * MEASURED_SECONDS;
    uint64_t margin = expected * TOLERANCE_PERCENT / 100;
    uint64_t counted = 0;
    for (int attempt = 1; attempt <= ATTEMPTS; ++attempt) {
        counted = ticks_over_rtc_seconds();
        console::print("counted %llu ticks in %u RTC seconds (expected %llu +- %llu)\n", counted,
                       MEASURED_SECONDS, expected, margin);
        if (counted >= expected - margin && counted <= expected + margin)
            return;
        if (counted > expected + margin)
            break; // too fast cannot come from load
    }
    testing::fail(__FILE__, __LINE__, "timer rate off: %llu ticks in %u s at %u Hz", counted,
                  MEASURED_SECONDS, hz);
}

} // namespace

KERNEL_TEST(timer_runs_at_100_hz_by_default) {
    expect_rate(100);
}

// tests/kernel/command-lines boots this one with "hz=250".
KERNEL_TEST_ALONE(timer_runs_at_250_hz_from_command_line) {
    expect_rate(250);
}

// Booted with "hz=5", below what the PIT's 16-bit divisor allows: the default is used instead.
KERNEL_TEST_ALONE(timer_rejects_out_of_range_rate) {
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

namespace {

volatile uint32_t g_tick_handler_calls;

void count_tick(arch::InterruptFrame&) {
    g_tick_handler_calls = g_tick_handler_calls + 1;
}

} // namespace

// Registering and reading the count with interrupts off makes the two counts comparable exactly.
KERNEL_TEST(tick_handler_runs_on_every_tick) {
    g_tick_handler_calls = 0;
    arch::disable_interrupts();
    // The scheduler's handler goes back afterwards: without it nothing is preempted any more,
    // and a later test of the same boot whose program spins never ends.
    clock::TickHandler scheduler_tick = clock::set_tick_handler(count_tick);
    uint64_t start = clock::ticks();
    arch::enable_interrupts();
    while (clock::ticks() < start + 5)
        arch::halt();
    arch::disable_interrupts();
    uint64_t end = clock::ticks();
    clock::set_tick_handler(scheduler_tick);
    arch::enable_interrupts();
    EXPECT_EQ(g_tick_handler_calls, end - start);
}
