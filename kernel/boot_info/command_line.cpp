// See command_line.h. Parsing only: results are values, and the caller decides what to report.
#include "kernel/boot_info/command_line.h"
#include "libk/string.h"

namespace command_line {
namespace {

bool ends_word(char character) {
    return character == '\0' || character == ' ';
}

} // namespace

Fit CommandLine::set(const char* text) {
    size_t length = libk::copy_string(m_text, text, sizeof m_text);
    m_cut_short = length > MAXIMUM_LENGTH;
    return m_cut_short ? Fit::CutShort : Fit::Whole;
}

Fit CommandLine::append(const char* words) {
    size_t length = strlen(m_text);
    if (words[0] == '\0')
        return Fit::Whole;
    if (length > 0) {
        if (length == MAXIMUM_LENGTH) {
            m_cut_short = true;
            return Fit::CutShort;
        }
        m_text[length++] = ' ';
    }
    size_t copied = libk::copy_string(m_text + length, words, sizeof m_text - length);
    m_cut_short = copied > MAXIMUM_LENGTH - length;
    return m_cut_short ? Fit::CutShort : Fit::Whole;
}

// Finds "key=" at the start of a word; returns a pointer to the value or nullptr.
const char* CommandLine::value_of(const char* key) const {
    size_t key_length = strlen(key);
    const char* word = m_text;
    while (*word) {
        while (*word == ' ')
            ++word;
        if (strncmp(word, key, key_length) == 0 && word[key_length] == '=')
            return word + key_length + 1;
        while (!ends_word(*word))
            ++word;
    }
    return nullptr;
}

Lookup CommandLine::find(const char* key, char* value, size_t value_size) const {
    const char* start = value_of(key);
    if (start == nullptr)
        return Lookup::Missing;
    if (value_size == 0)
        return Lookup::Found;
    size_t length = 0;
    while (!ends_word(start[length]))
        ++length;
    // The last word of a line that was cut short may have lost its end.
    bool cut_by_the_line = m_cut_short && start[length] == '\0';
    if (length > value_size - 1 || cut_by_the_line)
        return Lookup::TooLong;
    memcpy(value, start, length);
    value[length] = '\0';
    return Lookup::Found;
}

NumberResult CommandLine::number(const char* key, uint32_t minimum, uint32_t maximum) const {
    const char* digit = value_of(key);
    if (digit == nullptr)
        return {NumberStatus::Missing, 0};
    if (ends_word(*digit))
        return {NumberStatus::Invalid, 0};
    // Read straight from the text, however long: stopping as soon as the value passes
    // `maximum` keeps it from overflowing.
    uint64_t value = 0;
    for (; !ends_word(*digit); ++digit) {
        if (*digit < '0' || *digit > '9')
            return {NumberStatus::Invalid, 0};
        value = value * 10 + static_cast<uint32_t>(*digit - '0');
        if (value > maximum)
            return {NumberStatus::Invalid, 0};
    }
    if (value < minimum)
        return {NumberStatus::Invalid, 0};
    return {NumberStatus::Found, static_cast<uint32_t>(value)};
}

} // namespace command_line
