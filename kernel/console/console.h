// The kernel console: every byte goes to the serial port unchanged and to the VGA text screen
// through an ANSI escape interpreter, so one byte stream looks the same in a terminal and on the
// screen. Everything the kernel prints goes through here.
#pragma once

#include "libk/types.h"

namespace console {

void initialize();
void write(const char* text, size_t length);
void put(char character);
int print(const char* format, ...) __attribute__((format(printf, 1, 2)));
int vprint(const char* format, va_list arguments);

} // namespace console
