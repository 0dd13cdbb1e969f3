// See ansi_parser.h. The states and byte classes follow the structure of the DEC VT terminals
// (ECMA-48 syntax): a control sequence is ESC [, optional private marker, parameter bytes
// 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E. Two rules keep the
// console safe whatever it is fed: a malformed sequence is skipped up to its final byte and
// never shown, and every sequence ends at its final byte, so the parser cannot stay stuck.
#include "kernel/console/ansi_parser.h"

namespace console {
namespace {

constexpr uint8_t ESCAPE = 0x1B;
constexpr uint8_t CANCEL = 0x18;     // CAN: abandon the sequence in progress
constexpr uint8_t SUBSTITUTE = 0x1A; // SUB: likewise
constexpr uint8_t BELL = 0x07;
constexpr uint8_t DELETE = 0x7F;
constexpr uint32_t REPLACEMENT_CHARACTER = 0xFFFD;

bool is_c0_control(uint8_t byte) {
    return byte < 0x20;
}
bool is_intermediate(uint8_t byte) {
    return byte >= 0x20 && byte <= 0x2F;
}
bool is_final(uint8_t byte) {
    return byte >= 0x40 && byte <= 0x7E;
}

AnsiAction action_of(AnsiAction::Kind kind, uint32_t character) {
    AnsiAction action;
    action.kind = kind;
    action.character = character;
    return action;
}

} // namespace

AnsiAction AnsiParser::feed(uint8_t byte) {
    switch (m_state) {
    case State::Ground:
        return feed_ground(byte);
    case State::Escape:
        return feed_escape(byte);
    case State::EscapeIntermediate:
        return feed_escape_intermediate(byte);
    case State::ControlSequence:
        return feed_control_sequence(byte);
    case State::ControlSequenceIgnore:
        return feed_control_sequence_ignore(byte);
    case State::String:
        return feed_string(byte);
    }
    return {};
}

void AnsiParser::start_escape() {
    m_state = State::Escape;
    m_sequence = AnsiAction{};
    m_parameter_started = false;
}

// Bytes that mean the same inside every escape sequence: ESC starts over, CAN and SUB abandon
// the sequence, other C0 controls take effect at once without ending it (as on a real
// terminal), and DEL is ignored. A byte of 0x80 or more cannot be part of a sequence: the
// sequence is abandoned and the byte is read as text. Returns true when it handled the byte.
bool AnsiParser::handle_anywhere(uint8_t byte, AnsiAction& action) {
    if (byte == ESCAPE) {
        start_escape();
    } else if (byte == CANCEL || byte == SUBSTITUTE) {
        m_state = State::Ground;
    } else if (is_c0_control(byte)) {
        action = action_of(AnsiAction::Kind::Control, byte);
    } else if (byte == DELETE) {
        // ignored
    } else if (byte >= 0x80) {
        m_state = State::Ground;
        action = feed_ground(byte);
    } else {
        return false;
    }
    return true;
}

AnsiAction AnsiParser::feed_ground(uint8_t byte) {
    if (byte >= 0x80 || m_utf8_remaining != 0)
        return feed_utf8(byte);
    if (byte == ESCAPE) {
        start_escape();
        return {};
    }
    if (byte == CANCEL || byte == SUBSTITUTE || byte == DELETE)
        return {};
    if (is_c0_control(byte))
        return action_of(AnsiAction::Kind::Control, byte);
    return action_of(AnsiAction::Kind::Print, byte);
}

// UTF-8: a lead byte 110xxxxx, 1110xxxx or 11110xxx announces one, two or three continuation
// bytes 10xxxxxx. A stray continuation byte or an invalid lead byte prints U+FFFD, as
// terminals do; a character cut short by a new lead byte or an ASCII byte is dropped, and that
// byte is read afresh.
AnsiAction AnsiParser::feed_utf8(uint8_t byte) {
    bool is_continuation = (byte & 0xC0) == 0x80;
    if (m_utf8_remaining != 0) {
        if (!is_continuation) {
            m_utf8_remaining = 0;
            return feed_ground(byte);
        }
        m_utf8_code_point = (m_utf8_code_point << 6) | (byte & 0x3F);
        if (--m_utf8_remaining != 0)
            return {};
        uint32_t code_point = m_utf8_code_point;
        bool is_surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
        if (code_point < m_utf8_minimum || is_surrogate || code_point > 0x10FFFF)
            code_point = REPLACEMENT_CHARACTER;
        return action_of(AnsiAction::Kind::Print, code_point);
    }
    if ((byte & 0xE0) == 0xC0) {
        m_utf8_code_point = byte & 0x1F;
        m_utf8_remaining = 1;
        m_utf8_minimum = 0x80;
    } else if ((byte & 0xF0) == 0xE0) {
        m_utf8_code_point = byte & 0x0F;
        m_utf8_remaining = 2;
        m_utf8_minimum = 0x800;
    } else if ((byte & 0xF8) == 0xF0) {
        m_utf8_code_point = byte & 0x07;
        m_utf8_remaining = 3;
        m_utf8_minimum = 0x10000;
    } else {
        return action_of(AnsiAction::Kind::Print, REPLACEMENT_CHARACTER);
    }
    return {};
}

AnsiAction AnsiParser::feed_escape(uint8_t byte) {
    AnsiAction action;
    if (handle_anywhere(byte, action))
        return action;
    if (byte == '[') {
        m_state = State::ControlSequence;
    } else if (byte == ']' || byte == 'P' || byte == '^' || byte == '_' || byte == 'X') {
        // OSC, DCS, PM, APC, SOS: strings a text console has no use for.
        m_state = State::String;
        m_string_length = 0;
        m_string_saw_escape = false;
    } else if (is_intermediate(byte)) {
        m_sequence.intermediate = static_cast<char>(byte);
        m_state = State::EscapeIntermediate;
    } else {
        m_state = State::Ground;
        m_sequence.kind = AnsiAction::Kind::Escape;
        m_sequence.character = byte;
        return m_sequence;
    }
    return {};
}

// "ESC ( B" and its kind (character set selection): collected so that they vanish whole.
AnsiAction AnsiParser::feed_escape_intermediate(uint8_t byte) {
    AnsiAction action;
    if (handle_anywhere(byte, action) || is_intermediate(byte))
        return action;
    m_state = State::Ground;
    m_sequence.kind = AnsiAction::Kind::Escape;
    m_sequence.character = byte;
    return m_sequence;
}

void AnsiParser::add_digit(uint8_t digit) {
    if (m_sequence.parameter_count == 0)
        m_sequence.parameter_count = 1;
    uint16_t& value = m_sequence.parameters[m_sequence.parameter_count - 1];
    uint32_t grown = value * 10u + digit;
    value = grown > AnsiAction::MAX_PARAMETER_VALUE ? AnsiAction::MAX_PARAMETER_VALUE
                                                    : static_cast<uint16_t>(grown);
}

void AnsiParser::next_parameter() {
    if (m_sequence.parameter_count == 0)
        m_sequence.parameter_count = 1; // "ESC [ ; 5 H": the empty first parameter counts
    if (m_sequence.parameter_count == AnsiAction::MAX_PARAMETERS) {
        m_state = State::ControlSequenceIgnore; // overlong: drop the whole sequence
        return;
    }
    m_sequence.parameter_count++;
}

AnsiAction AnsiParser::feed_control_sequence(uint8_t byte) {
    AnsiAction action;
    if (handle_anywhere(byte, action))
        return action;
    bool after_intermediate = m_sequence.intermediate != 0;
    if (byte >= '0' && byte <= '9' && !after_intermediate) {
        add_digit(byte - '0');
        m_parameter_started = true;
    } else if (byte == ';' && !after_intermediate) {
        next_parameter();
        m_parameter_started = true;
    } else if (byte >= '<' && byte <= '?' && !m_parameter_started && !after_intermediate &&
               m_sequence.private_marker == 0) {
        m_sequence.private_marker = static_cast<char>(byte);
    } else if (is_intermediate(byte) && !after_intermediate) {
        m_sequence.intermediate = static_cast<char>(byte);
    } else if (is_final(byte)) {
        m_state = State::Ground;
        m_sequence.kind = AnsiAction::Kind::ControlSequence;
        m_sequence.character = byte;
        return m_sequence;
    } else {
        // A parameter byte after an intermediate, a second marker, ':' sub-parameters, a
        // second intermediate: not something this console understands.
        m_state = State::ControlSequenceIgnore;
    }
    return {};
}

AnsiAction AnsiParser::feed_control_sequence_ignore(uint8_t byte) {
    AnsiAction action;
    if (handle_anywhere(byte, action))
        return action;
    if (is_final(byte))
        m_state = State::Ground;
    return {};
}

// A string ends with BEL or with ST ("ESC \"). Anything after ESC other than '\' ends the
// string too and starts a new escape sequence with that byte.
AnsiAction AnsiParser::feed_string(uint8_t byte) {
    if (m_string_saw_escape) {
        m_string_saw_escape = false;
        if (byte == '\\') {
            m_state = State::Ground;
            return {};
        }
        start_escape();
        return feed_escape(byte);
    }
    if (byte == ESCAPE) {
        m_string_saw_escape = true;
    } else if (byte == BELL || byte == CANCEL || byte == SUBSTITUTE ||
               ++m_string_length >= MAX_STRING_LENGTH) {
        m_state = State::Ground;
    }
    return {};
}

} // namespace console
