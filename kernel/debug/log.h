// The kernel log: one line per event, with a time stamp, a level and the subsystem's name.
//   log::info("memory", "%u KiB free", free_kib);
// prints "[    0.120] info  memory:   126976 KiB free" on the console. The columns line up, and
// the further lines of a message with '\n' in it are indented to the message's column.
#pragma once

#include "libk/types.h"

namespace log {

enum class Level { Debug, Info, Warning, Error };

void message(Level level, const char* subsystem, const char* format, ...)
    __attribute__((format(printf, 3, 4)));
void vmessage(Level level, const char* subsystem, const char* format, va_list arguments);

void debug(const char* subsystem, const char* format, ...) __attribute__((format(printf, 2, 3)));
void info(const char* subsystem, const char* format, ...) __attribute__((format(printf, 2, 3)));
void warning(const char* subsystem, const char* format, ...) __attribute__((format(printf, 2, 3)));
void error(const char* subsystem, const char* format, ...) __attribute__((format(printf, 2, 3)));

// Messages below this level are dropped (default Info).
void set_minimum_level(Level level);
Level minimum_level();

// Applies "loglevel=debug|info|warning|error" from the kernel command line, if present; an
// unknown value is reported and leaves the level as it was. kernel_main calls this once the
// command line is known.
void apply_command_line();

} // namespace log
