// The syntax half of the console's ANSI support: a state machine that reads the output byte
// stream one byte at a time and says what each finished piece is (a character to print, a
// control character, an escape sequence with its parameters). It gives nothing a meaning; that
// is TextScreen's job. Pure logic, no hardware: the host tests feed it bytes directly.
#pragma once

#include "libk/types.h"

namespace console {

// One finished piece of the byte stream.
struct AnsiAction {
    enum class Kind : uint8_t {
        None,            // the byte was consumed, nothing is complete yet (or it was dropped)
        Print,           // show `character`, a Unicode code point
        Control,         // a C0 control character such as '\n', '\r', '\b', '\t' (in `character`)
        Escape,          // "ESC final", e.g. ESC 7 (save cursor)
        ControlSequence, // "ESC [ parameters final", e.g. ESC [ 1 ; 31 m
    };

    static constexpr size_t MAX_PARAMETERS = 16;
    static constexpr uint16_t MAX_PARAMETER_VALUE = 9999;

    Kind kind = Kind::None;
    uint32_t character = 0; // Print and Control: the character; Escape, ControlSequence: final byte
    char private_marker = 0; // ControlSequence: '?', '<', '=' or '>' right after "ESC [", else 0
    char intermediate = 0;   // a byte 0x20-0x2F before the final byte (ESC ( B), else 0
    uint8_t parameter_count = 0;
    // An empty parameter is stored as 0, as the standard says ("ESC [ ; 5 H" is "0;5").
    uint16_t parameters[MAX_PARAMETERS] = {};

    // The parameter at `index`, or 0 when the sequence has fewer.
    uint16_t parameter(size_t index) const {
        return index < parameter_count ? parameters[index] : 0;
    }
};

class AnsiParser {
public:
    // Consumes one byte. The result is Kind::None until a piece is complete.
    AnsiAction feed(uint8_t byte);

    // True while in the middle of an escape sequence or a UTF-8 character.
    bool in_sequence() const { return m_state != State::Ground || m_utf8_remaining != 0; }

private:
    enum class State : uint8_t {
        Ground,                // plain text (and UTF-8)
        Escape,                // after ESC
        EscapeIntermediate,    // after ESC and an intermediate byte, e.g. "ESC ("
        ControlSequence,       // after "ESC [": parameters, intermediates, then the final byte
        ControlSequenceIgnore, // a malformed or overlong control sequence: skip to its final byte
        String,                // an OSC, DCS, PM or APC string: skipped up to BEL or "ESC \"
    };

    // Strings are skipped for at most this many bytes, so a missing terminator cannot swallow
    // the rest of the output.
    static constexpr uint16_t MAX_STRING_LENGTH = 512;

    AnsiAction feed_ground(uint8_t byte);
    AnsiAction feed_utf8(uint8_t byte);
    AnsiAction feed_escape(uint8_t byte);
    AnsiAction feed_escape_intermediate(uint8_t byte);
    AnsiAction feed_control_sequence(uint8_t byte);
    AnsiAction feed_control_sequence_ignore(uint8_t byte);
    AnsiAction feed_string(uint8_t byte);
    bool handle_anywhere(uint8_t byte, AnsiAction& action);
    void start_escape();
    void add_digit(uint8_t digit);
    void next_parameter();

    State m_state = State::Ground;
    bool m_string_saw_escape = false;
    uint16_t m_string_length = 0;
    // The sequence being collected; returned as is when its final byte arrives.
    AnsiAction m_sequence;
    bool m_parameter_started = false; // a digit or ';' has been seen in this sequence
    // UTF-8 decoding state: the code point so far, continuation bytes still expected, and the
    // smallest code point the sequence length allows (a smaller one is an overlong encoding).
    uint32_t m_utf8_code_point = 0;
    uint8_t m_utf8_remaining = 0;
    uint32_t m_utf8_minimum = 0;
};

} // namespace console
