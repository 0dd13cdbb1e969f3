// See log.h.
#include "kernel/debug/log.h"
#include "kernel/console/console.h"
#include "kernel/time/clock.h"

namespace log {
namespace {

Level g_minimum_level = Level::Info;

const char* level_tag(Level level) {
    switch (level) {
    case Level::Debug:
        return "\x1b[90mdebug\x1b[0m";
    case Level::Info:
        return "\x1b[32minfo \x1b[0m";
    case Level::Warning:
        return "\x1b[33mwarn \x1b[0m";
    case Level::Error:
        return "\x1b[1;31merror\x1b[0m";
    }
    return "?";
}

} // namespace

void set_minimum_level(Level level) {
    g_minimum_level = level;
}

void vmessage(Level level, const char* subsystem, const char* format, va_list arguments) {
    if (level < g_minimum_level)
        return;
    uint64_t milliseconds = clock::uptime_ms();
    console::print("[%5u.%03u] %s %s: ", static_cast<unsigned>(milliseconds / 1000),
                   static_cast<unsigned>(milliseconds % 1000), level_tag(level), subsystem);
    console::vprint(format, arguments);
    console::put('\n');
}

void message(Level level, const char* subsystem, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vmessage(level, subsystem, format, arguments);
    va_end(arguments);
}

#define LOG_LEVEL_FUNCTION(function_name, level)                                                   \
    void function_name(const char* subsystem, const char* format, ...) {                           \
        va_list arguments;                                                                         \
        va_start(arguments, format);                                                               \
        vmessage(level, subsystem, format, arguments);                                             \
        va_end(arguments);                                                                         \
    }
LOG_LEVEL_FUNCTION(debug, Level::Debug)
LOG_LEVEL_FUNCTION(info, Level::Info)
LOG_LEVEL_FUNCTION(warning, Level::Warning)
LOG_LEVEL_FUNCTION(error, Level::Error)
#undef LOG_LEVEL_FUNCTION

} // namespace log
