// printf-style formatting, shared by the kernel, the user library and the host tests.
//
// Conversions: %d %i %u %o %x %X %p %s %c %%. Flags: '-' (left-justify), '0' (pad with zeros),
// '+', ' ' and '#'. Width and precision as numbers or '*'. Length modifiers: hh h l ll z t j.
// A null %s prints "(null)". %p prints "0x" and every hex digit of the pointer.
// An unknown conversion is printed as written, so a typo is visible rather than silent.
#pragma once

#include "libk/types.h"

namespace libk {

// Receives the formatted text one character at a time.
using FormatOutput = void (*)(char character, void* context);

// Formats into `output`; returns the number of characters produced.
int vformat(FormatOutput output, void* context, const char* format, va_list arguments);

// snprintf semantics: writes at most size-1 characters plus a terminator (when size > 0) and
// returns the length the whole text would have had.
int vformat_buffer(char* buffer, size_t size, const char* format, va_list arguments);
int format_buffer(char* buffer, size_t size, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

} // namespace libk
