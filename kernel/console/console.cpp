// See console.h.
#include "kernel/console/console.h"
#include "arch/serial.h"
#include "libk/format.h"

namespace console {

void initialize() {
    arch::serial::initialize();
}

void put(char character) {
    // Terminals expect "\r\n"; the VGA side only needs '\n'.
    if (character == '\n')
        arch::serial::write_byte('\r');
    arch::serial::write_byte(character);
}

void write(const char* text, size_t length) {
    for (size_t i = 0; i < length; ++i)
        put(text[i]);
}

int vprint(const char* format, va_list arguments) {
    return libk::vformat([](char character, void*) { put(character); }, nullptr, format, arguments);
}

int print(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int count = vprint(format, arguments);
    va_end(arguments);
    return count;
}

} // namespace console
