// Last words of a process: messages that must reach the console even when the heap or stdio
// is broken, written straight to handle 2.
#pragma once

namespace userlib {

// Writes "program: message\n" to handle 2, bypassing stdio.
void report(const char* format, ...) __attribute__((format(printf, 1, 2)));

// report() the message, then abort().
[[noreturn]] void fatal_error(const char* format, ...) __attribute__((format(printf, 1, 2)));

// The name the program was started as (argv[0]'s last component), for messages.
const char* program_name();
void set_program_name(const char* argv0);

} // namespace userlib
