// Host tests of libk's formatter: the same source the kernel and user space use.
#include "libk/format.h"
#include <climits>
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

TEST(Format, Integers) {
    EXPECT_EQ(format("%d %i %u", -5, 17, 4000000000u), "-5 17 4000000000");
    EXPECT_EQ(format("%d", INT_MIN), "-2147483648");
    EXPECT_EQ(format("%d", INT_MAX), "2147483647");
    EXPECT_EQ(format("%lld", LLONG_MIN), "-9223372036854775808");
    EXPECT_EQ(format("%llu", ULLONG_MAX), "18446744073709551615");
    EXPECT_EQ(format("%x %X %o", 0xbeefu, 0xbeefu, 8u), "beef BEEF 10");
}

} // namespace
