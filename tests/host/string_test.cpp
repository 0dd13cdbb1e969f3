// Host tests of libk's memory and string functions, built here as libk_memcpy, libk_strlen, ...
// (see libk/string.h) so that they are the kernel's code and not the C library's.
#include "libk/string.h"
#include <cstring>
#include <gtest/gtest.h>
#include <numeric>
#include <string>
#include <vector>

namespace {

// The sign of a comparison result: only the sign is specified.
int sign(int value) {
    return (value > 0) - (value < 0);
}

std::vector<unsigned char> counting(size_t count) {
    std::vector<unsigned char> bytes(count);
    std::iota(bytes.begin(), bytes.end(), 0);
    return bytes;
}

TEST(String, MemcpyCopiesAndReturnsTheDestination) {
    std::vector<unsigned char> source = counting(64);
    std::vector<unsigned char> destination(64, 0xEE);
    EXPECT_EQ(libk_memcpy(destination.data(), source.data(), 64), destination.data());
    EXPECT_EQ(destination, source);
}

TEST(String, ZeroLengthsTouchNothing) {
    unsigned char bytes[4] = {1, 2, 3, 4};
    unsigned char other[4] = {9, 9, 9, 9};
    EXPECT_EQ(libk_memcpy(bytes, other, 0), bytes);
    EXPECT_EQ(libk_memmove(bytes, other, 0), bytes);
    EXPECT_EQ(libk_memset(bytes, 0, 0), bytes);
    EXPECT_EQ(libk_memcmp(bytes, other, 0), 0);
    EXPECT_EQ(libk_strncmp("abc", "xyz", 0), 0);
    EXPECT_EQ(libk_strnlen("abc", 0), 0u);
    EXPECT_EQ(bytes[0], 1);
    EXPECT_EQ(bytes[3], 4);
}

TEST(String, MemmoveOverlappingForwards) {
    // Destination below the source: a front-to-back copy is the safe one.
    std::vector<unsigned char> bytes = counting(16);
    libk_memmove(bytes.data(), bytes.data() + 3, 10);
    std::vector<unsigned char> expected = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 10, 11, 12, 13, 14, 15};
    EXPECT_EQ(bytes, expected);
}

TEST(String, MemmoveOverlappingBackwards) {
    // Destination above the source: a front-to-back copy would smear the first bytes.
    std::vector<unsigned char> bytes = counting(16);
    libk_memmove(bytes.data() + 3, bytes.data(), 10);
    std::vector<unsigned char> expected = {0, 1, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15};
    EXPECT_EQ(bytes, expected);
}

TEST(String, MemmoveOntoItselfAndByOne) {
    std::vector<unsigned char> bytes = counting(8);
    EXPECT_EQ(libk_memmove(bytes.data(), bytes.data(), 8), bytes.data());
    EXPECT_EQ(bytes, counting(8));
    libk_memmove(bytes.data() + 1, bytes.data(), 7);
    EXPECT_EQ(bytes, (std::vector<unsigned char>{0, 0, 1, 2, 3, 4, 5, 6}));
}

TEST(String, MemsetUsesTheLowByte) {
    unsigned char bytes[5] = {};
    libk_memset(bytes, 0x1AB, 4);
    EXPECT_EQ(bytes[0], 0xAB);
    EXPECT_EQ(bytes[3], 0xAB);
    EXPECT_EQ(bytes[4], 0); // one past the count: untouched
}

TEST(String, ComparisonsTreatBytesAsUnsigned) {
    // 0x80 and above are large: a signed char comparison would call them negative.
    unsigned char high[] = {0x80};
    unsigned char low[] = {0x7F};
    EXPECT_GT(libk_memcmp(high, low, 1), 0);
    EXPECT_LT(libk_memcmp(low, high, 1), 0);
    EXPECT_GT(libk_strcmp("\xE9", "e"), 0);
    EXPECT_LT(libk_strcmp("e", "\xE9"), 0);
    EXPECT_GT(libk_strncmp("a\xFF", "a\x01", 2), 0);
    EXPECT_EQ(sign(libk_strcmp("\x80", "\x7F")), sign(strcmp("\x80", "\x7F")));
}

TEST(String, ComparisonsLikeTheCLibrary) {
    const char* words[] = {"", "a", "ab", "abc", "abd", "b", "\xFF", "a\x80"};
    for (const char* left : words) {
        for (const char* right : words) {
            EXPECT_EQ(sign(libk_strcmp(left, right)), sign(strcmp(left, right)))
                << left << " " << right;
            for (size_t limit = 0; limit < 4; ++limit)
                EXPECT_EQ(sign(libk_strncmp(left, right, limit)), sign(strncmp(left, right, limit)))
                    << left << " " << right << " " << limit;
        }
    }
}

TEST(String, MemcmpFindsTheFirstDifference) {
    unsigned char left[] = {1, 2, 3, 4};
    unsigned char right[] = {1, 2, 9, 0};
    EXPECT_LT(libk_memcmp(left, right, 4), 0); // decided at index 2, not by the last byte
    EXPECT_EQ(libk_memcmp(left, right, 2), 0);
}

TEST(String, StrncmpStopsAtTheLimitAndAtTheEnd) {
    EXPECT_EQ(libk_strncmp("abcX", "abcY", 3), 0);
    EXPECT_NE(libk_strncmp("abcX", "abcY", 4), 0);
    EXPECT_EQ(libk_strncmp("abc", "abc", 100), 0); // stops at the NUL, reads no further
    EXPECT_LT(libk_strncmp("ab", "abc", 3), 0);
}

TEST(String, Lengths) {
    EXPECT_EQ(libk_strlen(""), 0u);
    EXPECT_EQ(libk_strlen("kernel"), 6u);
    EXPECT_EQ(libk_strnlen("kernel", 3), 3u);
    EXPECT_EQ(libk_strnlen("kernel", 6), 6u);
    EXPECT_EQ(libk_strnlen("kernel", 100), 6u);
    // Not terminated: strnlen must stop at its limit (AddressSanitizer watches the next byte).
    auto* exact = new char[4]{'a', 'b', 'c', 'd'};
    EXPECT_EQ(libk_strnlen(exact, 4), 4u);
    delete[] exact;
}

TEST(String, Strchr) {
    const char* text = "a=b=c";
    EXPECT_EQ(libk_strchr(text, '='), text + 1);
    EXPECT_EQ(libk_strchr(text, 'c'), text + 4);
    EXPECT_EQ(libk_strchr(text, 'x'), nullptr);
    EXPECT_EQ(libk_strchr(text, '\0'), text + 5); // the terminator itself can be found
    const char* high = "x\xE9y";
    EXPECT_EQ(libk_strchr(high, 0xE9), high + 1); // as unsigned char, like C
}

TEST(String, StartsWith) {
    EXPECT_TRUE(libk::starts_with("test=boot", "test="));
    EXPECT_TRUE(libk::starts_with("anything", ""));
    EXPECT_TRUE(libk::starts_with("same", "same"));
    EXPECT_FALSE(libk::starts_with("te", "test"));
    EXPECT_FALSE(libk::starts_with("", "a"));
}

TEST(String, CopyStringTruncatesAndTerminates) {
    char buffer[6];
    std::memset(buffer, '#', sizeof buffer);
    EXPECT_EQ(libk::copy_string(buffer, "kernel!", sizeof buffer), 7u); // >= size: cut short
    EXPECT_STREQ(buffer, "kerne");

    EXPECT_EQ(libk::copy_string(buffer, "fits!", sizeof buffer), 5u); // exactly size - 1
    EXPECT_STREQ(buffer, "fits!");

    EXPECT_EQ(libk::copy_string(buffer, "", sizeof buffer), 0u);
    EXPECT_STREQ(buffer, "");

    EXPECT_EQ(libk::copy_string(buffer, "abc", 1), 3u);
    EXPECT_STREQ(buffer, "");

    buffer[0] = '#';
    EXPECT_EQ(libk::copy_string(buffer, "abc", 0), 3u); // size 0 writes nothing at all
    EXPECT_EQ(buffer[0], '#');
}

} // namespace
