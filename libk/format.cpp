// The formatter behind every printf in the project. One pass over the format string: parse a
// conversion specification into FormatSpec, then emit it with padding.
#include "libk/format.h"

namespace libk {
namespace {

struct FormatSpec {
    bool left_justify = false;
    bool zero_pad = false;
    bool plus_sign = false;
    bool space_sign = false;
    bool alternate = false;
    int width = 0;
    int precision = -1; // -1: none given
    int length = 0;     // -2 hh, -1 h, 0 int, 1 long, 2 long long or intmax, 3 size or ptrdiff
    char conversion = 0;
};

class Writer {
public:
    Writer(FormatOutput output, void* context) : m_output(output), m_context(context) {}
    void put(char character) {
        m_output(character, m_context);
        ++m_count;
    }
    void repeat(char character, int times) {
        for (int i = 0; i < times; ++i)
            put(character);
    }
    int count() const { return m_count; }

private:
    FormatOutput m_output;
    void* m_context;
    int m_count = 0;
};

// Writes `digits` (already converted, most significant first) with sign, prefix and padding.
void emit_number(Writer& writer, const FormatSpec& spec, const char* prefix, const char* digits,
                 int digit_count) {
    int prefix_length = 0;
    while (prefix[prefix_length])
        ++prefix_length;
    int zeros = spec.precision > digit_count ? spec.precision - digit_count : 0;
    int body = prefix_length + zeros + digit_count;
    int padding = spec.width > body ? spec.width - body : 0;
    // C: the '0' flag is ignored with '-' and when a precision is given for integers.
    bool pad_with_zeros = spec.zero_pad && !spec.left_justify && spec.precision < 0;
    if (pad_with_zeros) {
        zeros += padding;
        padding = 0;
    }
    if (!spec.left_justify)
        writer.repeat(' ', padding);
    for (int i = 0; i < prefix_length; ++i)
        writer.put(prefix[i]);
    writer.repeat('0', zeros);
    for (int i = 0; i < digit_count; ++i)
        writer.put(digits[i]);
    if (spec.left_justify)
        writer.repeat(' ', padding);
}

// Converts `value` to digits in `base`; returns how many were written into `buffer` (which holds
// at least 24 characters: enough for 64 bits in octal).
int to_digits(unsigned long long value, unsigned base, bool uppercase, char* buffer) {
    const char* alphabet = uppercase ? "0123456789ABCDEF" : "0123456789abcdef";
    char reversed[24];
    int count = 0;
    // 32-bit values take the 32-bit path: an i386 kernel then needs no 64-bit division here.
    if (value <= 0xFFFFFFFFull) {
        auto small = static_cast<uint32_t>(value);
        do {
            reversed[count++] = alphabet[small % base];
            small /= base;
        } while (small != 0);
    } else {
        do {
            reversed[count++] = alphabet[value % base];
            value /= base;
        } while (value != 0);
    }
    for (int i = 0; i < count; ++i)
        buffer[i] = reversed[count - 1 - i];
    return count;
}

void format_integer(Writer& writer, const FormatSpec& spec, unsigned long long magnitude,
                    bool negative) {
    unsigned base = 10;
    if (spec.conversion == 'x' || spec.conversion == 'X' || spec.conversion == 'p')
        base = 16;
    else if (spec.conversion == 'o')
        base = 8;

    char digits[24];
    int digit_count = to_digits(magnitude, base, spec.conversion == 'X', digits);
    if (spec.precision == 0 && magnitude == 0)
        digit_count = 0; // C: "%.0d" of zero prints no digits

    const char* prefix = "";
    bool is_signed = spec.conversion == 'd' || spec.conversion == 'i';
    if (negative)
        prefix = "-";
    else if (is_signed && spec.plus_sign)
        prefix = "+";
    else if (is_signed && spec.space_sign)
        prefix = " ";
    else if (spec.conversion == 'p')
        prefix = "0x";
    else if (spec.alternate && magnitude != 0 && base == 16)
        prefix = spec.conversion == 'X' ? "0X" : "0x";
    else if (spec.alternate && base == 8 && spec.precision <= digit_count &&
             (digit_count == 0 || digits[0] != '0'))
        prefix = "0"; // C: '#' makes the first octal digit a 0, unless the precision already did
    emit_number(writer, spec, prefix, digits, digit_count);
}

// Writes `length` characters of `text`, padded to the width.
void emit_text(Writer& writer, const FormatSpec& spec, const char* text, int length) {
    int padding = spec.width > length ? spec.width - length : 0;
    if (!spec.left_justify)
        writer.repeat(' ', padding);
    for (int i = 0; i < length; ++i)
        writer.put(text[i]);
    if (spec.left_justify)
        writer.repeat(' ', padding);
}

void format_string(Writer& writer, const FormatSpec& spec, const char* text) {
    if (text == nullptr)
        text = "(null)";
    // With a precision the text need not be terminated: test the limit before the byte.
    int length = 0;
    while ((spec.precision < 0 || length < spec.precision) && text[length])
        ++length;
    emit_text(writer, spec, text, length);
}

// Reads a decimal number or '*' (taken from the arguments) at `cursor`.
int parse_count(const char*& cursor, va_list& arguments) {
    if (*cursor == '*') {
        ++cursor;
        return va_arg(arguments, int);
    }
    int value = 0;
    while (*cursor >= '0' && *cursor <= '9')
        value = value * 10 + (*cursor++ - '0');
    return value;
}

void parse_spec(const char*& cursor, va_list& arguments, FormatSpec& spec) {
    for (;; ++cursor) {
        if (*cursor == '-')
            spec.left_justify = true;
        else if (*cursor == '0')
            spec.zero_pad = true;
        else if (*cursor == '+')
            spec.plus_sign = true;
        else if (*cursor == ' ')
            spec.space_sign = true;
        else if (*cursor == '#')
            spec.alternate = true;
        else
            break;
    }
    spec.width = parse_count(cursor, arguments);
    if (spec.width < 0) { // C: a negative '*' width means '-' and its magnitude
        spec.left_justify = true;
        spec.width = -spec.width;
    }
    if (*cursor == '.') {
        ++cursor;
        spec.precision = parse_count(cursor, arguments);
        if (spec.precision < 0)
            spec.precision = -1; // C: a negative precision is taken as if none were given
    }
    for (;; ++cursor) {
        if (*cursor == 'h')
            spec.length = spec.length == -1 ? -2 : -1;
        else if (*cursor == 'l')
            spec.length = spec.length == 1 ? 2 : 1;
        else if (*cursor == 'z' || *cursor == 't')
            spec.length = 3;
        else if (*cursor == 'j')
            spec.length = 2; // intmax_t is long long wide on i386 as on x86-64
        else
            break;
    }
    spec.conversion = *cursor;
}

long long read_signed(const FormatSpec& spec, va_list& arguments) {
    switch (spec.length) {
    case -2:
        return static_cast<signed char>(va_arg(arguments, int));
    case -1:
        return static_cast<short>(va_arg(arguments, int));
    case 1:
        return va_arg(arguments, long);
    case 2:
        return va_arg(arguments, long long);
    case 3:
        return va_arg(arguments, ptrdiff_t);
    default:
        return va_arg(arguments, int);
    }
}

unsigned long long read_unsigned(const FormatSpec& spec, va_list& arguments) {
    switch (spec.length) {
    case -2:
        return static_cast<unsigned char>(va_arg(arguments, unsigned));
    case -1:
        return static_cast<unsigned short>(va_arg(arguments, unsigned));
    case 1:
        return va_arg(arguments, unsigned long);
    case 2:
        return va_arg(arguments, unsigned long long);
    case 3:
        return va_arg(arguments, size_t);
    default:
        return va_arg(arguments, unsigned);
    }
}

bool is_known_conversion(char conversion) {
    for (const char* known = "diuoxXpsc"; *known; ++known) {
        if (*known == conversion)
            return true;
    }
    return false;
}

void format_conversion(Writer& writer, FormatSpec& spec, va_list& arguments) {
    switch (spec.conversion) {
    case 'd':
    case 'i': {
        long long value = read_signed(spec, arguments);
        // Negate in unsigned arithmetic so that LLONG_MIN does not overflow.
        unsigned long long magnitude = value < 0 ? 0ull - static_cast<unsigned long long>(value)
                                                 : static_cast<unsigned long long>(value);
        format_integer(writer, spec, magnitude, value < 0);
        break;
    }
    case 'u':
    case 'x':
    case 'X':
    case 'o':
        format_integer(writer, spec, read_unsigned(spec, arguments), false);
        break;
    case 'p':
        spec.precision = static_cast<int>(sizeof(void*) * 2);
        format_integer(writer, spec, reinterpret_cast<uintptr_t>(va_arg(arguments, void*)), false);
        break;
    case 's':
        format_string(writer, spec, va_arg(arguments, const char*));
        break;
    case 'c': {
        char character = static_cast<char>(va_arg(arguments, int));
        emit_text(writer, spec, &character, 1); // exactly one character, even a NUL
        break;
    }
    default:
        break;
    }
}

} // namespace

int vformat(FormatOutput output, void* context, const char* format, va_list arguments) {
    Writer writer(output, context);
    va_list remaining;
    va_copy(remaining, arguments);
    const char* cursor = format;
    while (*cursor) {
        if (*cursor != '%') {
            writer.put(*cursor++);
            continue;
        }
        const char* start = cursor++;
        if (*cursor == '%') {
            writer.put('%');
            ++cursor;
            continue;
        }
        FormatSpec spec;
        parse_spec(cursor, remaining, spec);
        if (!is_known_conversion(spec.conversion)) {
            // Unknown or cut-off conversion: print it as written.
            while (start != cursor && *start)
                writer.put(*start++);
            if (*cursor)
                writer.put(*cursor++);
            continue;
        }
        ++cursor;
        format_conversion(writer, spec, remaining);
    }
    va_end(remaining);
    return writer.count();
}

namespace {
struct BufferTarget {
    char* buffer;
    size_t size;
    size_t written;
};

void put_into_buffer(char character, void* context) {
    auto* target = static_cast<BufferTarget*>(context);
    if (target->size > 0 && target->written < target->size - 1)
        target->buffer[target->written] = character;
    ++target->written;
}
} // namespace

int vformat_buffer(char* buffer, size_t size, const char* format, va_list arguments) {
    BufferTarget target{buffer, size, 0};
    int length = vformat(put_into_buffer, &target, format, arguments);
    if (size > 0)
        buffer[target.written < size ? target.written : size - 1] = '\0';
    return length;
}

int format_buffer(char* buffer, size_t size, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = vformat_buffer(buffer, size, format, arguments);
    va_end(arguments);
    return length;
}

} // namespace libk
