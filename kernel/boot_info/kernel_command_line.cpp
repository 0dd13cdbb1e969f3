// The kernel's own command line (see command_line.h): one CommandLine, filled at boot, and the
// warnings a student sees when a word on it cannot be used.
#include "kernel/boot_info/command_line.h"
#include "kernel/debug/log.h"

namespace command_line {
namespace {

CommandLine g_command_line;

} // namespace

void set(const char* text, const char* emulator_words) {
    bool cut = g_command_line.set(text) == Fit::CutShort;
    if (emulator_words != nullptr)
        cut = g_command_line.append(emulator_words) == Fit::CutShort || cut;
    if (cut)
        log::error("boot",
                   "the command line is longer than %zu characters: the words after "
                   "that are lost",
                   CommandLine::MAXIMUM_LENGTH);
}

const char* text() {
    return g_command_line.text();
}

bool find(const char* key, char* value, size_t value_size) {
    Lookup lookup = g_command_line.find(key, value, value_size);
    if (lookup == Lookup::TooLong)
        log::error("boot",
                   "%s= is ignored: its value does not fit (at most %zu characters, and "
                   "not cut off with the command line)",
                   key, value_size - 1);
    return lookup == Lookup::Found;
}

uint32_t number(const char* key, uint32_t fallback, uint32_t minimum, uint32_t maximum) {
    NumberResult result = g_command_line.number(key, minimum, maximum);
    if (result.status == NumberStatus::Found)
        return result.value;
    if (result.status == NumberStatus::Invalid) {
        char value[24] = "(too long)";
        g_command_line.find(key, value, sizeof value);
        log::warning("boot", "%s=%s is not a number in [%u, %u]; using %u", key, value, minimum,
                     maximum, fallback);
    }
    return fallback;
}

} // namespace command_line
