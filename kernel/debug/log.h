// The kernel log: one line per event, with a time stamp, a level and the subsystem's name.
//   log::info("memory", "%u KiB free", free_kib);
// prints "[    0.120] info  memory: 126976 KiB free" on the console.
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

// Messages below this level are dropped (default Info; "loglevel=debug" on the command line).
void set_minimum_level(Level level);

} // namespace log
