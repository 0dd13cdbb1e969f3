// stdin, stdout and stderr, and the stdio calls that are not printf: character and string
// output, input, flushing, buffering modes, error indicators.
#include "user/lib/stdio/streams.h"
#include "user/lib/internal/system_call.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

namespace {

long write_handle(int handle, const void* data, size_t size) {
    return userlib::system_call(SYSCALL_WRITE, handle, data, size);
}

long read_handle(int handle, void* buffer, size_t size) {
    return userlib::system_call(SYSCALL_READ, handle, buffer, size);
}

// stdout is line-buffered even when it is not a terminal (there is nothing else here), and
// stderr writes at the end of every call, as C requires of an unbuffered stream.
userlib::InputStream g_input(0, read_handle);
userlib::OutputStream g_output(1, userlib::Buffering::Line, write_handle);
userlib::OutputStream g_error_output(2, userlib::Buffering::None, write_handle);

FILE g_stdin = {userlib::LibraryLock::StandardInput, nullptr, &g_input};
FILE g_stdout = {userlib::LibraryLock::StandardOutput, &g_output, nullptr};
FILE g_stderr = {userlib::LibraryLock::StandardError, &g_error_output, nullptr};

// Sets errno from a stream's error indicator and returns EOF.
int stream_failed(int error) {
    errno = error;
    return EOF;
}

// The common part of every output call: lock, begin, write, end.
int write_to(FILE* stream, const char* data, size_t size) {
    if (!stream || !stream->output)
        return stream_failed(EBADF);
    userlib::LibraryLockGuard guard(stream->lock);
    stream->output->begin_call();
    stream->output->write(data, size);
    if (!stream->output->end_call())
        return stream_failed(stream->output->error_number());
    return 0;
}

// C: before reading from a stream, line-buffered output is written out, so that a prompt
// printed without a newline appears before the program waits for input.
int read_from(FILE* stream) {
    if (!stream || !stream->input)
        return stream_failed(EBADF);
    if (!stream->input->has_buffered_input())
        userlib::flush_all_streams();
    userlib::LibraryLockGuard guard(stream->lock);
    int character = stream->input->get();
    if (character == EOF && stream->input->has_error())
        errno = stream->input->error_number();
    return character;
}

} // namespace

namespace userlib {

void flush_all_streams() {
    FILE* const output_streams[] = {&g_stdout, &g_stderr};
    for (FILE* stream : output_streams) {
        LibraryLockGuard guard(stream->lock);
        stream->output->flush();
    }
}

} // namespace userlib

extern "C" {

FILE* stdin = &g_stdin;
FILE* stdout = &g_stdout;
FILE* stderr = &g_stderr;

int fputc(int character, FILE* stream) {
    char byte = static_cast<char>(character);
    return write_to(stream, &byte, 1) == EOF ? EOF : static_cast<unsigned char>(byte);
}

int putc(int character, FILE* stream) {
    return fputc(character, stream);
}
int putchar(int character) {
    return fputc(character, stdout);
}

int fputs(const char* text, FILE* stream) {
    return write_to(stream, text, strlen(text)) == EOF ? EOF : 0;
}

int puts(const char* text) {
    if (!stdout->output)
        return stream_failed(EBADF);
    userlib::LibraryLockGuard guard(stdout->lock);
    stdout->output->begin_call();
    stdout->output->write(text, strlen(text));
    stdout->output->put('\n');
    if (!stdout->output->end_call())
        return stream_failed(stdout->output->error_number());
    return 0;
}

size_t fwrite(const void* data, size_t size, size_t count, FILE* stream) {
    if (size == 0 || count == 0)
        return 0;
    if (count > SIZE_MAX / size) {
        errno = EOVERFLOW;
        return 0;
    }
    return write_to(stream, static_cast<const char*>(data), size * count) == EOF ? 0 : count;
}

int fflush(FILE* stream) {
    if (!stream) {
        userlib::flush_all_streams();
        return 0;
    }
    if (!stream->output)
        return 0; // flushing input is undefined in C; nothing to do here
    userlib::LibraryLockGuard guard(stream->lock);
    return stream->output->flush() ? 0 : stream_failed(stream->output->error_number());
}

// The buffer argument is ignored: each stream has its own fixed buffer.
int setvbuf(FILE* stream, char*, int mode, size_t) {
    if (!stream || !stream->output) {
        errno = EBADF;
        return -1;
    }
    userlib::Buffering buffering;
    if (mode == _IOFBF)
        buffering = userlib::Buffering::Full;
    else if (mode == _IOLBF)
        buffering = userlib::Buffering::Line;
    else if (mode == _IONBF)
        buffering = userlib::Buffering::None;
    else {
        errno = EINVAL;
        return -1;
    }
    userlib::LibraryLockGuard guard(stream->lock);
    stream->output->flush();
    stream->output->set_buffering(buffering);
    return 0;
}

void setbuf(FILE* stream, char* buffer) {
    setvbuf(stream, buffer, buffer ? _IOFBF : _IONBF, 0);
}

int fgetc(FILE* stream) {
    return read_from(stream);
}
int getc(FILE* stream) {
    return read_from(stream);
}
int getchar() {
    return read_from(stdin);
}

int ungetc(int character, FILE* stream) {
    if (!stream || !stream->input)
        return stream_failed(EBADF);
    userlib::LibraryLockGuard guard(stream->lock);
    return stream->input->unget(character) ? static_cast<unsigned char>(character) : EOF;
}

char* fgets(char* buffer, int size, FILE* stream) {
    if (!stream || !stream->input) {
        errno = EBADF;
        return nullptr;
    }
    if (!stream->input->has_buffered_input())
        userlib::flush_all_streams();
    userlib::LibraryLockGuard guard(stream->lock);
    char* line = stream->input->get_line(buffer, size);
    if (!line && stream->input->has_error())
        errno = stream->input->error_number();
    return line;
}

int ferror(FILE* stream) {
    if (stream->output)
        return stream->output->has_error();
    return stream->input->has_error();
}

int feof(FILE* stream) {
    return stream->input ? stream->input->at_end() : 0;
}

void clearerr(FILE* stream) {
    userlib::LibraryLockGuard guard(stream->lock);
    if (stream->output)
        stream->output->clear_error();
    else
        stream->input->clear_flags();
}

int fileno(FILE* stream) {
    if (!stream)
        return stream_failed(EBADF);
    return stream->output ? stream->output->handle() : stream->input->handle();
}

} // extern "C"
