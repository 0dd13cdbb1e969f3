// See clock.h. The PIT raises IRQ 0 at the chosen rate; each interrupt adds one to the tick
// count. Times are computed from the PIT's real period, not from the rounded rate, so uptime
// does not drift when the input clock does not divide evenly (1193182 / 100 is not whole).
#include "kernel/time/clock.h"
#include "arch/interrupts.h"
#include "arch/pit.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"

namespace clock {
namespace {

static_assert(MINIMUM_HZ >= arch::pit::MINIMUM_HZ);

// Written only by the tick interrupt (and once by initialize, before it is enabled).
volatile uint64_t g_ticks = 0;
uint32_t g_hz = 0;
uint32_t g_nanoseconds_per_tick = 0;
TickHandler g_tick_handler = nullptr;

void on_timer_interrupt(arch::InterruptFrame& frame) {
    g_ticks = g_ticks + 1;
    if (TickHandler handler = g_tick_handler)
        handler(frame);
}

} // namespace

void initialize(uint32_t rate_hz) {
    VERIFY(rate_hz >= MINIMUM_HZ && rate_hz <= MAXIMUM_HZ);
    g_hz = rate_hz;
    g_nanoseconds_per_tick = arch::pit::start_periodic(rate_hz);
    arch::interrupts::set_irq_handler(arch::pit::IRQ, on_timer_interrupt);
    log::info("timer", "PIT at %u Hz (one tick every %u.%03u ms)", rate_hz,
              g_nanoseconds_per_tick / 1000000, g_nanoseconds_per_tick / 1000 % 1000);
}

uint32_t hz() {
    return g_hz;
}

uint64_t ticks() {
    // A 64-bit load is two 32-bit loads here, and a tick may land between them. Two equal
    // reads in a row cannot both be torn (the low half changes on every tick), so retry until
    // they agree; this needs no interrupt masking and works from any context.
    uint64_t first, second;
    do {
        first = g_ticks;
        second = g_ticks;
    } while (first != second);
    return first;
}

uint64_t uptime_ms() {
    return ticks() * g_nanoseconds_per_tick / 1000000;
}

TickHandler set_tick_handler(TickHandler handler) {
    TickHandler previous = g_tick_handler;
    g_tick_handler = handler;
    return previous;
}

} // namespace clock
