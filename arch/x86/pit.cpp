// Driver for channel 0 of the 8253/8254 PIT (see arch/pit.h). Register layout from the 8254
// data sheet: one mode/command port, one data port per channel, 16-bit counts sent low byte first.
#include "arch/pit.h"
#include "arch/port_io.h"
#include "kernel/debug/panic.h"

namespace arch::pit {
namespace {

constexpr uint16_t CHANNEL_0_DATA = 0x40;
constexpr uint16_t MODE_COMMAND = 0x43;

// Channel 0, access low byte then high byte, mode 2 (rate generator: one pulse every `divisor`
// input cycles), binary counting.
constexpr uint8_t CHANNEL_0_RATE_GENERATOR = 0x34;

} // namespace

uint32_t start_periodic(uint32_t hz) {
    VERIFY(hz >= MINIMUM_HZ && hz <= INPUT_FREQUENCY_HZ / 2);
    uint32_t divisor = (INPUT_FREQUENCY_HZ + hz / 2) / hz; // rounded to the nearest whole count
    VERIFY(divisor >= 2 && divisor <= 0xFFFF);
    write_port_byte(MODE_COMMAND, CHANNEL_0_RATE_GENERATOR);
    write_port_byte(CHANNEL_0_DATA, static_cast<uint8_t>(divisor & 0xFF));
    write_port_byte(CHANNEL_0_DATA, static_cast<uint8_t>(divisor >> 8));
    return static_cast<uint32_t>(static_cast<uint64_t>(divisor) * 1000000000u / INPUT_FREQUENCY_HZ);
}

} // namespace arch::pit
