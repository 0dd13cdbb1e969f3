// The PS/2 keyboard behind the 8042 controller. The controller hands over one scancode byte at
// a time (scancode set 1, which the firmware sets up by default); ScancodeDecoder turns them
// into the bytes a terminal would send for the same keys (letters, "\r" for Enter, 0x7F for
// Backspace, "ESC [ A" for the up arrow), so keyboard input and serial input look alike to
// whoever reads them. The decoder is pure logic; the two port functions below are the hardware.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arch::keyboard {

class ScancodeDecoder {
public:
    static constexpr size_t MAX_BYTES = 4;

    // Takes one scancode byte. Stores the bytes the key produces (none for a key release, a
    // modifier, a prefix byte or a key without a terminal meaning) and returns how many.
    size_t feed(uint8_t scancode, char bytes[MAX_BYTES]);

private:
    size_t press(uint8_t code, char bytes[MAX_BYTES]);
    size_t press_extended(uint8_t code, char bytes[MAX_BYTES]);
    bool update_modifier(uint8_t code, bool released);

    bool m_extended = false;        // the previous byte was the 0xE0 prefix
    uint8_t m_pause_bytes_left = 0; // Pause sends 0xE1 and five more bytes: all skipped
    bool m_left_shift = false;
    bool m_right_shift = false;
    bool m_left_control = false;
    bool m_right_control = false;
    bool m_caps_lock = false;
};

// Polled access to the controller: true when a byte from the keyboard (not the mouse) waits.
bool has_scancode();
uint8_t read_scancode();

} // namespace arch::keyboard
