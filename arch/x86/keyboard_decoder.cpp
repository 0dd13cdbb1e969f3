// arch::keyboard::ScancodeDecoder (see arch/keyboard.h): scancode set 1 with a US layout.
// In set 1 a key sends its "make" code when pressed and the same code with bit 7 set when
// released; keys added after the original PC keyboard (arrows, the right Control, ...) send the
// prefix 0xE0 first. Pure logic, tested on the host.
#include "arch/keyboard.h"

namespace arch::keyboard {
namespace {

constexpr uint8_t RELEASED = 0x80;
constexpr uint8_t EXTENDED_PREFIX = 0xE0;
constexpr uint8_t PAUSE_PREFIX = 0xE1;
constexpr uint8_t PAUSE_LENGTH = 6;

constexpr uint8_t LEFT_CONTROL = 0x1D; // 0xE0 0x1D is the right one
constexpr uint8_t LEFT_SHIFT = 0x2A;
constexpr uint8_t RIGHT_SHIFT = 0x36;
constexpr uint8_t CAPS_LOCK = 0x3A;
constexpr uint8_t KEYPAD_SEVEN = 0x47;
constexpr uint8_t KEYPAD_DOT = 0x53;

// The character of each key 0x00-0x39 without and with Shift (0: none). Escape is 0x1B,
// Backspace sends DEL (0x7F) and Enter "\r", as a terminal does.
constexpr char UNSHIFTED[] = "\0\x1b"
                             "1234567890-=\x7f\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
constexpr char SHIFTED[] = "\0\x1b"
                           "!@#$%^&*()_+\x7f\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";
constexpr size_t TABLE_SIZE = sizeof UNSHIFTED - 1;
static_assert(TABLE_SIZE == 0x3A && sizeof SHIFTED == sizeof UNSHIFTED);

// The numeric keypad 0x47-0x53 always types its digits and signs (Num Lock is not tracked).
constexpr char KEYPAD[] = "789-456+1230.";
static_assert(sizeof KEYPAD - 1 == KEYPAD_DOT - KEYPAD_SEVEN + 1);

struct ExtendedKey {
    uint8_t code;
    const char* bytes;
};
// The sequences xterm sends for these keys.
constexpr ExtendedKey EXTENDED_KEYS[] = {
    {0x48, "\x1b[A"},  // up
    {0x50, "\x1b[B"},  // down
    {0x4D, "\x1b[C"},  // right
    {0x4B, "\x1b[D"},  // left
    {0x47, "\x1b[H"},  // home
    {0x4F, "\x1b[F"},  // end
    {0x52, "\x1b[2~"}, // insert
    {0x53, "\x1b[3~"}, // delete
    {0x49, "\x1b[5~"}, // page up
    {0x51, "\x1b[6~"}, // page down
    {0x1C, "\r"},      // keypad enter
    {0x35, "/"},       // keypad slash
};

size_t copy(const char* text, char bytes[ScancodeDecoder::MAX_BYTES]) {
    size_t count = 0;
    while (text[count] != '\0' && count < ScancodeDecoder::MAX_BYTES) {
        bytes[count] = text[count];
        count++;
    }
    return count;
}

} // namespace

size_t ScancodeDecoder::feed(uint8_t scancode, char bytes[MAX_BYTES]) {
    if (m_pause_bytes_left > 0) {
        m_pause_bytes_left--;
        return 0;
    }
    if (scancode == PAUSE_PREFIX) {
        m_pause_bytes_left = PAUSE_LENGTH - 1;
        return 0;
    }
    if (scancode == EXTENDED_PREFIX) {
        m_extended = true;
        return 0;
    }
    bool extended = m_extended;
    m_extended = false;
    bool released = (scancode & RELEASED) != 0;
    uint8_t code = scancode & ~RELEASED;
    if (extended) {
        if (code == LEFT_CONTROL) {
            m_right_control = !released;
            return 0;
        }
        // Other extended codes: keys, or the fake Shift presses around Print Screen (ignored).
        return released ? 0 : press_extended(code, bytes);
    }
    if (update_modifier(code, released) || released)
        return 0;
    return press(code, bytes);
}

// Returns true if `code` is a modifier key (its state is now updated).
bool ScancodeDecoder::update_modifier(uint8_t code, bool released) {
    switch (code) {
    case LEFT_SHIFT:
        m_left_shift = !released;
        return true;
    case RIGHT_SHIFT:
        m_right_shift = !released;
        return true;
    case LEFT_CONTROL:
        m_left_control = !released;
        return true;
    case CAPS_LOCK:
        if (!released)
            m_caps_lock = !m_caps_lock;
        return true;
    default:
        return false;
    }
}

size_t ScancodeDecoder::press(uint8_t code, char bytes[MAX_BYTES]) {
    if (code >= KEYPAD_SEVEN && code <= KEYPAD_DOT) {
        bytes[0] = KEYPAD[code - KEYPAD_SEVEN];
        return 1;
    }
    if (code >= TABLE_SIZE || UNSHIFTED[code] == '\0')
        return 0; // Alt, function keys, Num Lock, ...: nothing a terminal would send here
    char plain = UNSHIFTED[code];
    bool is_letter = plain >= 'a' && plain <= 'z';
    bool shift = m_left_shift || m_right_shift;
    if (is_letter && (m_left_control || m_right_control)) {
        bytes[0] = static_cast<char>(plain - 'a' + 1); // Ctrl+A is 0x01, Ctrl+C is 0x03, ...
        return 1;
    }
    if (is_letter && m_caps_lock)
        shift = !shift;
    bytes[0] = shift ? SHIFTED[code] : plain;
    return 1;
}

size_t ScancodeDecoder::press_extended(uint8_t code, char bytes[MAX_BYTES]) {
    for (const ExtendedKey& key : EXTENDED_KEYS) {
        if (key.code == code)
            return copy(key.bytes, bytes);
    }
    return 0;
}

} // namespace arch::keyboard
