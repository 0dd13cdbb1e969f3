// Buffered output and input for the standard streams; see output_stream.h. Write errors are
// sticky (ferror) and drop what was buffered, so a broken handle does not make every later call
// retry the same bytes.
#include "user/lib/stdio/output_stream.h"
#include "libk/abi/errors.h"
#include "libk/format.h"

namespace userlib {

bool OutputStream::flush() {
    size_t written = 0;
    while (written < m_used) {
        long result = m_write(m_handle, m_buffer + written, m_used - written);
        if (result <= 0) {
            m_error = result < 0 ? static_cast<int>(-result) : EIO;
            m_failed_in_call = true;
            m_used = 0;
            return false;
        }
        written += static_cast<size_t>(result);
    }
    m_used = 0;
    return true;
}

void OutputStream::begin_call() {
    m_newline_in_call = false;
    m_failed_in_call = false;
}

bool OutputStream::put(char character) {
    if (m_used == BUFFER_SIZE && !flush())
        return false;
    m_buffer[m_used++] = character;
    if (character == '\n')
        m_newline_in_call = true;
    return true;
}

bool OutputStream::write(const char* data, size_t size) {
    for (size_t i = 0; i < size; ++i) {
        if (!put(data[i]))
            return false;
    }
    return true;
}

bool OutputStream::end_call() {
    bool flush_now =
        m_buffering == Buffering::None || (m_buffering == Buffering::Line && m_newline_in_call);
    if (flush_now)
        flush();
    return !m_failed_in_call;
}

namespace {

struct FormatTarget {
    OutputStream* stream;
    bool failed;
};

void put_into_stream(char character, void* context) {
    auto* target = static_cast<FormatTarget*>(context);
    if (!target->failed && !target->stream->put(character))
        target->failed = true;
}

} // namespace

int format_to_stream(OutputStream& stream, const char* format, va_list arguments) {
    FormatTarget target{&stream, false};
    int count = libk::vformat(put_into_stream, &target, format, arguments);
    return target.failed ? -1 : count;
}

bool InputStream::refill() {
    long result = m_read(m_handle, m_buffer, BUFFER_SIZE);
    if (result <= 0) {
        if (result == 0)
            m_at_end = true;
        else
            m_error = static_cast<int>(-result);
        return false;
    }
    m_next = 0;
    m_end = static_cast<size_t>(result);
    return true;
}

int InputStream::get() {
    if (m_pushed_back != END) {
        int character = m_pushed_back;
        m_pushed_back = END;
        return character;
    }
    if (m_next == m_end && !refill())
        return END;
    return static_cast<unsigned char>(m_buffer[m_next++]);
}

bool InputStream::unget(int character) {
    if (character == END || m_pushed_back != END)
        return false;
    m_pushed_back = static_cast<unsigned char>(character);
    m_at_end = false;
    return true;
}

char* InputStream::get_line(char* buffer, int size) {
    if (size < 1)
        return nullptr;
    int length = 0;
    while (length < size - 1) {
        int character = get();
        if (character == END && has_error())
            return nullptr; // C: after a read error the buffer's contents are indeterminate
        if (character == END)
            break;
        buffer[length++] = static_cast<char>(character);
        if (character == '\n')
            break;
    }
    if (length == 0 && size > 1)
        return nullptr;
    buffer[length] = '\0';
    return buffer;
}

} // namespace userlib
