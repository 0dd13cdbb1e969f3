// The printf family. All of them format with libk's formatter (libk/format.h), the same code
// the kernel prints with; the stream versions take the stream's lock for the whole call.
#include "libk/format.h"
#include "user/lib/stdio/streams.h"
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

extern "C" {

int vfprintf(FILE* stream, const char* format, va_list arguments) {
    if (!stream || !stream->output) {
        errno = EBADF;
        return -1;
    }
    userlib::LibraryLockGuard guard(stream->lock);
    stream->output->begin_call();
    int count = userlib::format_to_stream(*stream->output, format, arguments);
    if (!stream->output->end_call() || count < 0) {
        errno = stream->output->error_number();
        return -1;
    }
    return count;
}

int fprintf(FILE* stream, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int count = vfprintf(stream, format, arguments);
    va_end(arguments);
    return count;
}

int vprintf(const char* format, va_list arguments) {
    return vfprintf(stdout, format, arguments);
}

int printf(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int count = vfprintf(stdout, format, arguments);
    va_end(arguments);
    return count;
}

int vsnprintf(char* buffer, size_t size, const char* format, va_list arguments) {
    return libk::vformat_buffer(buffer, size, format, arguments);
}

int snprintf(char* buffer, size_t size, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = libk::vformat_buffer(buffer, size, format, arguments);
    va_end(arguments);
    return length;
}

// sprintf trusts the buffer to be large enough, as C does.
int vsprintf(char* buffer, const char* format, va_list arguments) {
    return libk::vformat_buffer(buffer, SIZE_MAX, format, arguments);
}

int sprintf(char* buffer, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = libk::vformat_buffer(buffer, SIZE_MAX, format, arguments);
    va_end(arguments);
    return length;
}

void perror(const char* text) {
    const char* message = strerror(errno);
    if (text && *text)
        fprintf(stderr, "%s: %s\n", text, message);
    else
        fprintf(stderr, "%s\n", message);
}

} // extern "C"
