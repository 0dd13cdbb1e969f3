// The kernel command line, as GRUB passes it: words separated by spaces, each either "key=value"
// or a bare "flag". Examples: "test=timer_rate", "hz=250 quantum=5", "run=restroom --workers 6".
#pragma once

#include "libk/types.h"

namespace command_line {

// Keeps a private copy of `text` (cut at a fixed maximum length, which is reported).
void set(const char* text);
const char* text();

// Copies the value of "key=value" into `value` (NUL-terminated) and returns true if present.
bool find(const char* key, char* value, size_t value_size);

// The value of "key=number" when present and a valid decimal number in [minimum, maximum];
// otherwise `fallback` (with a warning on the console for a present but invalid value).
uint32_t number(const char* key, uint32_t fallback, uint32_t minimum, uint32_t maximum);

} // namespace command_line
