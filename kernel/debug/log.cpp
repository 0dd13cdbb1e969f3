// See log.h. A line is "[seconds.milliseconds] subsystem: message"; the prefix has a fixed width
// so that messages start in one column. Info is the normal case and carries no tag; the other
// levels put a coloured "warning:", "error:" or "debug:" in front of the message.
#include "kernel/debug/log.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/time/clock.h"
#include "libk/format.h"
#include "libk/string.h"

namespace log {
namespace {

Level g_minimum_level = Level::Info;

// "subsystem:" is padded to this width; longer names simply push the message right.
constexpr int SUBSYSTEM_COLUMN_WIDTH = 9;
// "[  0.120] " + the subsystem column. Narrow on purpose: the VGA screen has 80 columns.
constexpr int MESSAGE_COLUMN = 10 + SUBSYSTEM_COLUMN_WIDTH;

struct LevelName {
    Level level;
    const char* name;    // as written after "loglevel="
    const char* colored; // as printed before the message, with an ANSI colour
};
constexpr LevelName LEVEL_NAMES[] = {
    {Level::Debug, "debug", "\x1b[90mdebug:\x1b[0m "},
    {Level::Info, "info", ""},
    {Level::Warning, "warning", "\x1b[1;33mwarning:\x1b[0m "},
    {Level::Error, "error", "\x1b[1;31merror:\x1b[0m "},
};

const char* colored_name(Level level) {
    for (const LevelName& entry : LEVEL_NAMES) {
        if (entry.level == level)
            return entry.colored;
    }
    return "";
}

// Receives the formatted message. A newline is held back until more text follows, so further
// lines can be indented and trailing newlines do not leave empty lines behind.
struct MessageOutput {
    bool newline_pending = false;

    static void put(char character, void* context) {
        auto* output = static_cast<MessageOutput*>(context);
        if (character == '\n') {
            output->newline_pending = true;
            return;
        }
        if (output->newline_pending) {
            console::put('\n');
            for (int i = 0; i < MESSAGE_COLUMN; ++i)
                console::put(' ');
            output->newline_pending = false;
        }
        console::put(character);
    }
};

void print_prefix(Level level, const char* subsystem) {
    uint64_t milliseconds = clock::uptime_ms();
    console::print("\x1b[90m[%3u.%03u]\x1b[0m ", static_cast<unsigned>(milliseconds / 1000),
                   static_cast<unsigned>(milliseconds % 1000));
    int written = console::print("%s:", subsystem);
    for (int i = written; i < SUBSYSTEM_COLUMN_WIDTH; ++i)
        console::put(' ');
    if (written >= SUBSYSTEM_COLUMN_WIDTH)
        console::put(' ');
    console::print("%s", colored_name(level));
}

} // namespace

void set_minimum_level(Level level) {
    g_minimum_level = level;
}

Level minimum_level() {
    return g_minimum_level;
}

void apply_command_line() {
    char value[16];
    if (!command_line::find("loglevel", value, sizeof value))
        return;
    for (const LevelName& entry : LEVEL_NAMES) {
        if (strcmp(value, entry.name) == 0) {
            set_minimum_level(entry.level);
            return;
        }
    }
    warning("log", "loglevel=%s is unknown (debug, info, warning, error): keeping the default",
            value);
}

void vmessage(Level level, const char* subsystem, const char* format, va_list arguments) {
    if (level < g_minimum_level)
        return;
    console::Hold hold; // the line stays in one piece while other threads print
    print_prefix(level, subsystem);
    MessageOutput output;
    libk::vformat(MessageOutput::put, &output, format, arguments);
    console::put('\n');
}

void message(Level level, const char* subsystem, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vmessage(level, subsystem, format, arguments);
    va_end(arguments);
}

void debug(const char* subsystem, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vmessage(Level::Debug, subsystem, format, arguments);
    va_end(arguments);
}

void info(const char* subsystem, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vmessage(Level::Info, subsystem, format, arguments);
    va_end(arguments);
}

void warning(const char* subsystem, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vmessage(Level::Warning, subsystem, format, arguments);
    va_end(arguments);
}

void error(const char* subsystem, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vmessage(Level::Error, subsystem, format, arguments);
    va_end(arguments);
}

} // namespace log
