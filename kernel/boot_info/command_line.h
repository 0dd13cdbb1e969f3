// The kernel command line, as GRUB passes it: words separated by spaces, each either "key=value"
// or a bare "flag". Examples: "test=timer_rate", "hz=250 quantum=5", "run=restroom --workers 6".
// CommandLine is the pure parser (host-tested); the command_line:: functions are the kernel's
// one instance of it, and they log what is wrong (kernel_command_line.cpp).
#pragma once

#include "libk/types.h"

namespace command_line {

enum class Fit { Whole, CutShort };

enum class Lookup {
    Found,   // the key is present; its whole value was copied
    Missing, // no "key=" word
    TooLong, // present, but the value does not fit the caller's buffer, or the command line
             // itself was cut short inside it: nothing is copied, the value is not used
};

enum class NumberStatus {
    Found,   // the key is present and its value is a decimal number in range
    Missing, // no "key=" word
    Invalid, // present, but empty, not decimal digits, or out of range
};

struct NumberResult {
    NumberStatus status;
    uint32_t value; // meaningful only when status is Found
};

// A private copy of a command line. When a key appears more than once, the first word wins.
class CommandLine {
public:
    static constexpr size_t MAXIMUM_LENGTH = 511; // characters kept; the rest is cut off

    // Replaces the text; says whether it had to be cut short.
    Fit set(const char* text);
    // Adds more words at the end, after a space; says whether they had to be cut short.
    Fit append(const char* words);
    const char* text() const { return m_text; }

    // Copies the value of "key=value" into `value` (NUL-terminated) when it fits in
    // value_size - 1 characters. value_size 0 asks only whether the key is present.
    Lookup find(const char* key, char* value, size_t value_size) const;

    // The value of "key=number", checked to be decimal and in [minimum, maximum].
    NumberResult number(const char* key, uint32_t minimum, uint32_t maximum) const;

private:
    const char* value_of(const char* key) const;

    char m_text[MAXIMUM_LENGTH + 1] = {};
    bool m_cut_short = false; // the last set() or append() lost words at the end
};

// The kernel's command line. set() is called once at boot with the text GRUB passed, and
// `emulator_words`, the words QEMU passed through its fw_cfg device (arch/firmware_config.h), or
// nullptr; they go after GRUB's words.
void set(const char* text, const char* emulator_words);

// The name of the fw_cfg file whose words are added to the command line.
constexpr const char* EMULATOR_FILE = "opt/teaching-kernel/command-line";
const char* text();

// Copies the value of "key=value" into `value` (NUL-terminated) and returns true if present.
// A value that does not fit in value_size - 1 characters is an error named on the console, and
// the word counts as absent: a value cut short would quietly mean something else.
bool find(const char* key, char* value, size_t value_size);

// The value of "key=number" when present and a valid decimal number in [minimum, maximum];
// otherwise `fallback` (with a warning in the log for a present but invalid value).
uint32_t number(const char* key, uint32_t fallback, uint32_t minimum, uint32_t maximum);

} // namespace command_line
