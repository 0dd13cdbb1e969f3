// The buffering behind stdout and stderr: characters collect in a buffer and go out through a
// write function (the write system call in a program, a fake in the host tests) when the buffer
// fills, and at the end of a stdio call according to the buffering mode. One stdio call (a
// printf, a puts) therefore usually becomes one write, which keeps lines from different threads
// and processes whole on the console.
#pragma once

#include <stdarg.h>
#include <stddef.h>

namespace userlib {

enum class Buffering {
    Full, // written when the buffer is full (and by fflush, and at exit)
    Line, // also at the end of a call that wrote a newline
    None, // also at the end of every call
};

// Writes up to `size` bytes; returns how many were written, or a negated error number.
using WriteFunction = long (*)(int handle, const void* data, size_t size);

class OutputStream {
public:
    static constexpr size_t BUFFER_SIZE = 1024;

    constexpr OutputStream(int handle, Buffering buffering, WriteFunction write)
        : m_handle(handle), m_buffering(buffering), m_write(write) {}
    OutputStream(const OutputStream&) = delete;
    OutputStream& operator=(const OutputStream&) = delete;

    // A stdio call is begin_call(), any number of put/write, end_call(). Returns false when
    // writing failed during the call (error_number() says why).
    void begin_call();
    bool put(char character);
    bool write(const char* data, size_t size);
    bool end_call();

    // Writes out whatever is buffered.
    bool flush();

    void set_buffering(Buffering buffering) { m_buffering = buffering; }
    Buffering buffering() const { return m_buffering; }
    int handle() const { return m_handle; }
    size_t buffered() const { return m_used; }

    // The error indicator of ferror/clearerr: set when a write failed, until cleared.
    bool has_error() const { return m_error != 0; }
    int error_number() const { return m_error; }
    void clear_error() { m_error = 0; }

private:
    char m_buffer[BUFFER_SIZE] = {};
    size_t m_used = 0;
    int m_handle;
    Buffering m_buffering;
    WriteFunction m_write;
    bool m_newline_in_call = false;
    bool m_failed_in_call = false;
    int m_error = 0;
};

// printf into a stream with libk's formatter: the number of characters, or -1 when writing
// failed. Call it between begin_call and end_call.
int format_to_stream(OutputStream& stream, const char* format, va_list arguments);

// Reads bytes from a handle: how many were read (0 at the end), or a negated error number.
using ReadFunction = long (*)(int handle, void* buffer, size_t size);

// The buffering behind stdin: reads whatever the handle has (a line, on the console) and hands
// it out a character at a time.
class InputStream {
public:
    static constexpr size_t BUFFER_SIZE = 256;
    static constexpr int END = -1; // EOF

    constexpr InputStream(int handle, ReadFunction read) : m_handle(handle), m_read(read) {}
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    // The next byte (0 to 255), or END at the end of input or on an error.
    int get();
    // Puts one byte back for the next get (ungetc); false when one is already waiting or the
    // byte is END.
    bool unget(int character);
    // fgets: up to size - 1 bytes, stopping after a newline, always terminated. nullptr when
    // the input ended before any byte (or size < 1).
    char* get_line(char* buffer, int size);

    // True when get() can answer without reading from the handle.
    bool has_buffered_input() const { return m_pushed_back != END || m_next < m_end; }

    int handle() const { return m_handle; }
    bool at_end() const { return m_at_end; }
    bool has_error() const { return m_error != 0; }
    int error_number() const { return m_error; }
    void clear_flags() {
        m_at_end = false;
        m_error = 0;
    }

private:
    bool refill();

    char m_buffer[BUFFER_SIZE] = {};
    size_t m_next = 0;
    size_t m_end = 0;
    int m_pushed_back = END;
    int m_handle;
    ReadFunction m_read;
    bool m_at_end = false;
    int m_error = 0;
};

} // namespace userlib
