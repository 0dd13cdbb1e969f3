// See command_line.h.
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "libk/string.h"

namespace command_line {
namespace {

constexpr size_t MAXIMUM_LENGTH = 512;
char g_text[MAXIMUM_LENGTH];

// Finds "key=" at the start of a word; returns a pointer to the value or nullptr.
const char* value_of(const char* key) {
    size_t key_length = strlen(key);
    const char* word = g_text;
    while (*word) {
        while (*word == ' ')
            ++word;
        if (strncmp(word, key, key_length) == 0 && word[key_length] == '=')
            return word + key_length + 1;
        while (*word && *word != ' ')
            ++word;
    }
    return nullptr;
}

} // namespace

void set(const char* text) {
    if (libk::copy_string(g_text, text, sizeof g_text) >= sizeof g_text)
        console::print("command line: longer than %u bytes, cut short\n",
                       static_cast<unsigned>(MAXIMUM_LENGTH - 1));
}

const char* text() {
    return g_text;
}

bool find(const char* key, char* value, size_t value_size) {
    const char* start = value_of(key);
    if (start == nullptr)
        return false;
    size_t length = 0;
    while (start[length] && start[length] != ' ')
        ++length;
    if (value_size == 0)
        return true;
    if (length >= value_size)
        length = value_size - 1;
    memcpy(value, start, length);
    value[length] = '\0';
    return true;
}

uint32_t number(const char* key, uint32_t fallback, uint32_t minimum, uint32_t maximum) {
    char text[16];
    if (!find(key, text, sizeof text))
        return fallback;
    uint64_t value = 0;
    bool valid = text[0] != '\0';
    for (const char* digit = text; *digit && valid; ++digit) {
        valid = *digit >= '0' && *digit <= '9';
        value = value * 10 + static_cast<uint32_t>(*digit - '0');
        valid = valid && value <= maximum;
    }
    if (!valid || value < minimum) {
        console::print("command line: %s=%s is not a number in [%u, %u]; using %u\n", key, text,
                       minimum, maximum, fallback);
        return fallback;
    }
    return static_cast<uint32_t>(value);
}

} // namespace command_line
