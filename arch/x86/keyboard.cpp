// The 8042 keyboard controller's ports (see arch/keyboard.h). The firmware leaves the
// controller enabled and translating the keyboard's codes to scancode set 1, which is what the
// decoder expects, so reading needs no set-up. Whoever handles IRQ 1 calls read_scancode() once
// per interrupt; before interrupts exist, has_scancode() allows polling.
#include "arch/keyboard.h"
#include "arch/port_io.h"

namespace arch::keyboard {
namespace {

constexpr uint16_t DATA = 0x60;
constexpr uint16_t STATUS = 0x64;
constexpr uint8_t STATUS_OUTPUT_FULL = 1 << 0;    // a byte waits in DATA
constexpr uint8_t STATUS_FROM_AUXILIARY = 1 << 5; // ... and it came from the mouse

} // namespace

bool has_scancode() {
    uint8_t status = read_port_byte(STATUS);
    return (status & STATUS_OUTPUT_FULL) != 0 && (status & STATUS_FROM_AUXILIARY) == 0;
}

uint8_t read_scancode() {
    return read_port_byte(DATA);
}

} // namespace arch::keyboard
