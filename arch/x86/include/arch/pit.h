// The 8253/8254 programmable interval timer. Its channel 0 divides a fixed 1.193182 MHz input
// clock by a 16-bit divisor and raises IRQ 0 at the result: the kernel's periodic tick.
#pragma once

#include <stdint.h>

namespace arch::pit {

constexpr uint32_t INPUT_FREQUENCY_HZ = 1193182;
constexpr uint8_t IRQ = 0;

// The slowest rate the 16-bit divisor allows (1193182 / 65535 = 18.2 Hz, rounded up).
constexpr uint32_t MINIMUM_HZ = 19;

// Programs channel 0 to interrupt periodically, as close to `hz` as a whole divisor allows.
// Returns the real period of one tick in nanoseconds.
uint32_t start_periodic(uint32_t hz);

} // namespace arch::pit
