// Host tests of libk's ErrorOr and TRY: values and errors travel as return values.
#include "libk/error_or.h"
#include <gtest/gtest.h>
#include <string>

using libk::Error;
using libk::ErrorOr;

namespace {

ErrorOr<int> parse_digit(char character) {
    if (character < '0' || character > '9')
        return Error::InvalidArgument;
    return character - '0';
}

ErrorOr<int> sum_of_digits(const char* text) {
    int sum = 0;
    for (; *text; ++text)
        sum += TRY(parse_digit(*text));
    return sum;
}

ErrorOr<void> check_even(int value) {
    if (value % 2 != 0)
        return Error::InvalidArgument;
    return {};
}

ErrorOr<int> halve(int value) {
    TRY(check_even(value));
    return value / 2;
}

TEST(ErrorOr, HoldsAValueOrAnError) {
    ErrorOr<int> seven = parse_digit('7');
    ASSERT_FALSE(seven.is_error());
    EXPECT_EQ(seven.value(), 7);
    ErrorOr<int> bad = parse_digit('x');
    ASSERT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error(), Error::InvalidArgument);
}

TEST(ErrorOr, TryPassesErrorsOn) {
    EXPECT_EQ(sum_of_digits("123").value(), 6);
    EXPECT_EQ(sum_of_digits("1x3").error(), Error::InvalidArgument);
    EXPECT_EQ(halve(10).value(), 5);
    EXPECT_TRUE(halve(7).is_error());
}

TEST(ErrorOr, OwnsANonTrivialValue) {
    ErrorOr<std::string> text = std::string(100, 'a');
    ErrorOr<std::string> copy = text;
    EXPECT_EQ(copy.value().size(), 100u);
    std::string taken = text.release_value();
    EXPECT_EQ(taken, copy.value());
    ErrorOr<std::string> failed = Error::OutOfMemory;
    EXPECT_EQ(failed.error(), Error::OutOfMemory);
}

TEST(ErrorOr, CanBeReassigned) {
    ErrorOr<std::string> result = Error::OutOfMemory;
    result = std::string("now a value");
    ASSERT_FALSE(result.is_error());
    EXPECT_EQ(result.value(), "now a value");
    ErrorOr<std::string> failure = Error::BadAddress;
    result = failure;
    ASSERT_TRUE(result.is_error());
    EXPECT_EQ(result.error(), Error::BadAddress);
}

TEST(ErrorOr, DescribesErrors) {
    EXPECT_STREQ(libk::error_description(Error::DoubleFree), "already free (double free)");
}

} // namespace
