// Direct reporting for fatal errors; see report.h.
#include "user/lib/internal/report.h"
#include "libk/format.h"
#include "user/lib/internal/system_call.h"
#include <stdlib.h>

namespace userlib {
namespace {

const char* g_program_name = "program";

void write_report(const char* format, va_list arguments) {
    constexpr size_t SIZE = 256;
    char message[SIZE];
    // Each formatting call returns the length it wanted; at most size - 1 characters were
    // written, and one byte stays free for the newline.
    size_t used = libk::format_buffer(message, SIZE - 1, "%s: ", g_program_name);
    if (used > SIZE - 2)
        used = SIZE - 2;
    size_t wanted = libk::vformat_buffer(message + used, SIZE - 1 - used, format, arguments);
    used += wanted < SIZE - 2 - used ? wanted : SIZE - 2 - used;
    message[used++] = '\n';
    system_call(SYSCALL_WRITE, 2, message, used);
}

} // namespace

void report(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    write_report(format, arguments);
    va_end(arguments);
}

void fatal_error(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    write_report(format, arguments);
    va_end(arguments);
    abort();
}

const char* program_name() {
    return g_program_name;
}

void set_program_name(const char* argv0) {
    if (!argv0 || !*argv0)
        return;
    g_program_name = argv0;
    for (const char* cursor = argv0; *cursor; ++cursor) {
        if (*cursor == '/' && cursor[1])
            g_program_name = cursor + 1;
    }
}

} // namespace userlib
