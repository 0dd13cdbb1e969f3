// Host tests of libk's formatter: the same source the kernel and user space use. Where C defines
// the behaviour, the result and the return value must match the host's snprintf exactly; where
// libk chooses (%p, a null %s, unknown conversions) the expected text is spelled out.
#include "libk/format.h"
#include <climits>
#include <cstdint>
#include <cstdio>
#include <gtest/gtest.h>
#include <string>

namespace {

std::string format(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* format, ...) {
    char buffer[256];
    va_list arguments;
    va_start(arguments, format);
    libk::vformat_buffer(buffer, sizeof buffer, format, arguments);
    va_end(arguments);
    return buffer;
}

// Formats with libk and with the host's snprintf, into buffers of the same size, and compares
// both the text and the returned length.
template <typename... Arguments>
void expect_like_snprintf(int line, size_t size, const char* format, Arguments... arguments) {
    char ours[128];
    char theirs[128];
    memset(ours, '#', sizeof ours);
    memset(theirs, '#', sizeof theirs);
    // The format is a variable on purpose: every case of the table goes through both formatters.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-security"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    int our_length = libk::format_buffer(size ? ours : nullptr, size, format, arguments...);
    int their_length = snprintf(size ? theirs : nullptr, size, format, arguments...);
#pragma GCC diagnostic pop
    EXPECT_EQ(our_length, their_length) << "format \"" << format << "\" at line " << line;
    EXPECT_EQ(std::string(ours, size), std::string(theirs, size))
        << "format \"" << format << "\" at line " << line;
}

#define EXPECT_LIKE_SNPRINTF(...) expect_like_snprintf(__LINE__, 100, __VA_ARGS__)
#define EXPECT_LIKE_SNPRINTF_SIZED(size, ...) expect_like_snprintf(__LINE__, size, __VA_ARGS__)

TEST(Format, Integers) {
    EXPECT_EQ(format("%d %i %u", -5, 17, 4000000000u), "-5 17 4000000000");
    EXPECT_EQ(format("%d", INT_MIN), "-2147483648");
    EXPECT_EQ(format("%d", INT_MAX), "2147483647");
    EXPECT_EQ(format("%lld", LLONG_MIN), "-9223372036854775808");
    EXPECT_EQ(format("%llu", ULLONG_MAX), "18446744073709551615");
    EXPECT_EQ(format("%x %X %o", 0xbeefu, 0xbeefu, 8u), "beef BEEF 10");
}

TEST(Format, EveryConversionLikeSnprintf) {
    EXPECT_LIKE_SNPRINTF("%d|%i|%u", -123, 456, 789u);
    EXPECT_LIKE_SNPRINTF("%x|%X|%o", 0xdeadbeefu, 0xdeadbeefu, 0777u);
    EXPECT_LIKE_SNPRINTF("%s|%c|%%", "text", 'z');
    EXPECT_LIKE_SNPRINTF("%d %d %d", 0, -1, 1);
    EXPECT_LIKE_SNPRINTF("%u %x %o", 0u, 0u, 0u);
    EXPECT_LIKE_SNPRINTF("%%%d%%", 5);
    EXPECT_LIKE_SNPRINTF("no conversions at all");
    EXPECT_LIKE_SNPRINTF("%s", "");
}

TEST(Format, LimitsLikeSnprintf) {
    EXPECT_LIKE_SNPRINTF("%d %d", INT_MIN, INT_MAX);
    EXPECT_LIKE_SNPRINTF("%u %x %o", UINT_MAX, UINT_MAX, UINT_MAX);
    EXPECT_LIKE_SNPRINTF("%lld %lld", LLONG_MIN, LLONG_MAX);
    EXPECT_LIKE_SNPRINTF("%llu %llx %llo", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
    EXPECT_LIKE_SNPRINTF("%ld %lu", LONG_MIN, ULONG_MAX);
    EXPECT_LIKE_SNPRINTF("%jd %ju", INTMAX_MIN, UINTMAX_MAX);
}

TEST(Format, LengthModifiersLikeSnprintf) {
    EXPECT_LIKE_SNPRINTF("%hhd %hhu %hhx", 200, 511, 0x1ff);
    EXPECT_LIKE_SNPRINTF("%hd %hu %hx", 40000, 70000, 0x1ffff);
    EXPECT_LIKE_SNPRINTF("%hhd %hd", -128, SHRT_MIN);
    EXPECT_LIKE_SNPRINTF("%zu %zx", SIZE_MAX, static_cast<size_t>(0x1234));
    EXPECT_LIKE_SNPRINTF("%zd %td", static_cast<ptrdiff_t>(-5), static_cast<ptrdiff_t>(-6));
    EXPECT_LIKE_SNPRINTF("%lx %llx", 0xabcdefUL, 0x123456789abcdefULL);
}

TEST(Format, WidthAndPrecisionLikeSnprintf) {
    EXPECT_LIKE_SNPRINTF("[%5.3d]", 7);
    EXPECT_LIKE_SNPRINTF("[%5.3d]", -7);
    EXPECT_LIKE_SNPRINTF("[%-8.2s]", "abcdef");
    EXPECT_LIKE_SNPRINTF("[%08x]", 0xbeefu);
    EXPECT_LIKE_SNPRINTF("[%.0d]", 0);
    EXPECT_LIKE_SNPRINTF("[%5.0d]", 0);
    EXPECT_LIKE_SNPRINTF("[%.0x] [%.0o] [%.0u]", 0u, 0u, 0u);
    EXPECT_LIKE_SNPRINTF("[%.0d]", 3);
    EXPECT_LIKE_SNPRINTF("[%*d]", 6, 42);
    EXPECT_LIKE_SNPRINTF("[%*d]", -6, 42); // a negative '*' width means '-'
    EXPECT_LIKE_SNPRINTF("[%-*d]", -6, 42);
    EXPECT_LIKE_SNPRINTF("[%.*d]", 4, 42);
    EXPECT_LIKE_SNPRINTF("[%.*d]", -4, 42); // a negative precision is no precision
    EXPECT_LIKE_SNPRINTF("[%*.*s]", 7, 2, "hello");
    EXPECT_LIKE_SNPRINTF("[%.40d]", 1);
    EXPECT_LIKE_SNPRINTF("[%60d]", INT_MIN);
    EXPECT_LIKE_SNPRINTF("[%2d] [%1s]", 12345, "long");
    EXPECT_LIKE_SNPRINTF("[%.10s] [%.0s] [%.s]", "short", "gone", "gone");
    EXPECT_LIKE_SNPRINTF("[%3c] [%-3c]", 'a', 'b');
}

TEST(Format, FlagsLikeSnprintf) {
    EXPECT_LIKE_SNPRINTF("[%-6d] [%-6u] [%-6x]", -12, 12u, 0xabu);
    EXPECT_LIKE_SNPRINTF("[%06d] [%06d] [%06u]", 12, -12, 12u);
    EXPECT_LIKE_SNPRINTF("[%+d] [%+d] [%+d]", 5, -5, 0);
    EXPECT_LIKE_SNPRINTF("[% d] [% d] [% 5d]", 5, -5, 5);
    EXPECT_LIKE_SNPRINTF("[%+ d] [% +d]", 5, 5);           // '+' wins over ' '
    EXPECT_LIKE_SNPRINTF("[%+u] [% u] [%+x]", 5u, 5u, 5u); // sign flags only for signed
    EXPECT_LIKE_SNPRINTF("[%#x] [%#X] [%#o]", 0xbeefu, 0xbeefu, 8u);
    EXPECT_LIKE_SNPRINTF("[%#x] [%#o] [%#.0o]", 0u, 0u, 0u);
    EXPECT_LIKE_SNPRINTF("[%#.5o] [%#.2o] [%#5o]", 8u, 8u, 8u);
    EXPECT_LIKE_SNPRINTF("[%#010x] [%#-10x] [%#10.6x]", 0xbeefu, 0xbeefu, 0xbeefu);
    EXPECT_LIKE_SNPRINTF("[%-06d]", 42);  // '0' is ignored with '-'
    EXPECT_LIKE_SNPRINTF("[%08.3d]", 42); // and when there is a precision
    EXPECT_LIKE_SNPRINTF("[%+08d] [% 08d]", 42, 42);
    EXPECT_LIKE_SNPRINTF("[%--5d] [%005d]", 1, 1); // repeated flags
}

TEST(Format, CharacterZeroIsWrittenAndCounted) {
    EXPECT_LIKE_SNPRINTF_SIZED(8, "a%cb", 0);
    EXPECT_LIKE_SNPRINTF_SIZED(8, "%3c|", 0);
}

TEST(Format, StringPrecisionReadsNoFurther) {
    // Not NUL-terminated: C allows this with a precision, and nothing past it may be read
    // (AddressSanitizer checks, since the array is exactly three bytes long).
    auto* exact = new char[3]{'a', 'b', 'c'};
    EXPECT_EQ(format("%.3s", exact), "abc");
    EXPECT_EQ(format("%.2s", exact), "ab");
    delete[] exact;
}

TEST(Format, Pointers) {
    // libk prints every hex digit, so addresses line up in a column.
    std::string digits(sizeof(void*) * 2 - 4, '0');
    EXPECT_EQ(format("%p", reinterpret_cast<void*>(0x1234)), "0x" + digits + "1234");
    EXPECT_EQ(format("%p", nullptr), "0x" + std::string(sizeof(void*) * 2, '0'));
    EXPECT_EQ(format("[%24p]", reinterpret_cast<void*>(0xab)).size(), 26u);
    EXPECT_EQ(format("[%-24p]", reinterpret_cast<void*>(0xab)).back(), ']');
}

// The next two tests pass what the compiler rightly warns about: that is their point.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#ifndef __clang__ // a warning of GCC's only
#pragma GCC diagnostic ignored "-Wformat-overflow"
#endif
#pragma GCC diagnostic ignored "-Wformat-extra-args"

TEST(Format, NullString) {
    EXPECT_EQ(format("%s", static_cast<const char*>(nullptr)), "(null)");
    EXPECT_EQ(format("[%8s]", static_cast<const char*>(nullptr)), "[  (null)]");
    EXPECT_EQ(format("[%-8s]", static_cast<const char*>(nullptr)), "[(null)  ]");
    EXPECT_EQ(format("[%.3s]", static_cast<const char*>(nullptr)), "[(nu]");
}

TEST(Format, UnknownConversionsArePrintedAsWritten) {
    EXPECT_EQ(format("%y"), "%y");
    EXPECT_EQ(format("a%5yb"), "a%5yb");
    EXPECT_EQ(format("%-08.3q|%d", 4), "%-08.3q|4");
    EXPECT_EQ(format("%lly"), "%lly");
    EXPECT_EQ(format("%*y %d", 5, 7), "%*y 7"); // the '*' has taken its argument
    EXPECT_EQ(format("100%"), "100%");          // cut off at the end of the format
    EXPECT_EQ(format("%-5"), "%-5");
    EXPECT_EQ(format("%.%d", 3), "%.%d");
}

#pragma GCC diagnostic pop

TEST(Format, TruncationAndReturnValueLikeSnprintf) {
    for (size_t size : {0u, 1u, 2u, 5u, 11u, 12u, 13u, 40u}) {
        SCOPED_TRACE(size);
        EXPECT_LIKE_SNPRINTF_SIZED(size, "hello world");
        EXPECT_LIKE_SNPRINTF_SIZED(size, "%d|%s|%x", -12345, "abc", 0xfeedu);
        EXPECT_LIKE_SNPRINTF_SIZED(size, "%20s", "right");
    }
    EXPECT_LIKE_SNPRINTF_SIZED(1, "");
}

TEST(Format, SizeZeroWritesNothing) {
    char guard[4] = {'x', 'y', 'z', '\0'};
    EXPECT_EQ(libk::format_buffer(guard, 0, "%s", "long text"), 9);
    EXPECT_STREQ(guard, "xyz");
    EXPECT_EQ(libk::format_buffer(nullptr, 0, "%d", 123456), 6);
}

TEST(Format, VformatCountsEveryCharacter) {
    std::string collected;
    auto collect = [](char character, void* context) {
        static_cast<std::string*>(context)->push_back(character);
    };
    auto run = [&](const char* text, ...) {
        va_list arguments;
        va_start(arguments, text);
        int count = libk::vformat(collect, &collected, text, arguments);
        va_end(arguments);
        return count;
    };
    EXPECT_EQ(run("%s=%5d%c", "key", 42, '!'), 10);
    EXPECT_EQ(collected, "key=   42!");
}

} // namespace
