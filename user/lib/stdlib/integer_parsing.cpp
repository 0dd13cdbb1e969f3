// One scanner for all the string-to-integer functions: it reads the sign, the base prefix and
// the digits, and accumulates the magnitude while checking it against a limit, so that
// overflow is detected before it happens rather than after.
#include "user/lib/stdlib/integer_parsing.h"
#include "libk/abi/errors.h"

namespace userlib {
namespace {

bool is_space(char character) {
    return character == ' ' || (character >= '\t' && character <= '\r');
}

// The value of a digit in bases up to 36, or 36 for a character that is no digit.
int digit_value(char character) {
    if (character >= '0' && character <= '9')
        return character - '0';
    if (character >= 'a' && character <= 'z')
        return character - 'a' + 10;
    if (character >= 'A' && character <= 'Z')
        return character - 'A' + 10;
    return 36;
}

struct Scan {
    unsigned long long magnitude; // saturated at the limit
    bool negative;
    bool overflow;
    bool found_digits;
    const char* end;
};

// Reads the sign, the prefix and the digits. `limit(negative)` is the largest magnitude the
// caller accepts, which for signed types depends on the sign.
template <typename Limit>
Scan scan(const char* text, int base, Limit limit) {
    Scan result{0, false, false, false, text};
    const char* cursor = text;
    while (is_space(*cursor))
        ++cursor;
    if (*cursor == '+' || *cursor == '-')
        result.negative = *cursor++ == '-';
    // "0x" counts as a prefix only when a hex digit follows; otherwise the 0 alone is the number.
    if ((base == 0 || base == 16) && cursor[0] == '0' && (cursor[1] == 'x' || cursor[1] == 'X') &&
        digit_value(cursor[2]) < 16) {
        cursor += 2;
        base = 16;
    } else if (base == 0) {
        base = cursor[0] == '0' ? 8 : 10;
    }
    unsigned long long maximum = limit(result.negative);
    for (int digit; (digit = digit_value(*cursor)) < base; ++cursor) {
        result.found_digits = true;
        if (result.magnitude > (maximum - digit) / base) {
            result.overflow = true;
            result.magnitude = maximum;
        } else if (!result.overflow) {
            result.magnitude = result.magnitude * base + digit;
        }
    }
    if (result.found_digits)
        result.end = cursor;
    return result;
}

bool is_valid_base(int base) {
    return base == 0 || (base >= 2 && base <= 36);
}

} // namespace

ParsedInteger<long long> parse_signed(const char* text, int base, long long minimum,
                                      long long maximum) {
    if (!is_valid_base(base))
        return {0, text, EINVAL};
    // The magnitude of `minimum`, computed without overflowing for LLONG_MIN.
    unsigned long long negative_limit = static_cast<unsigned long long>(-(minimum + 1)) + 1;
    Scan result = scan(text, base, [&](bool negative) {
        return negative ? negative_limit : static_cast<unsigned long long>(maximum);
    });
    if (result.overflow)
        return {result.negative ? minimum : maximum, result.end, ERANGE};
    if (!result.negative)
        return {static_cast<long long>(result.magnitude), result.end, 0};
    if (result.magnitude == 0)
        return {0, result.end, 0};
    // -(m - 1) - 1 reaches `minimum` itself without overflowing on the way.
    return {-static_cast<long long>(result.magnitude - 1) - 1, result.end, 0};
}

ParsedInteger<unsigned long long> parse_unsigned(const char* text, int base,
                                                 unsigned long long maximum) {
    if (!is_valid_base(base))
        return {0, text, EINVAL};
    Scan result = scan(text, base, [&](bool) { return maximum; });
    if (result.overflow)
        return {maximum, result.end, ERANGE};
    unsigned long long value =
        result.negative ? (0 - result.magnitude) & maximum : result.magnitude;
    return {value, result.end, 0};
}

} // namespace userlib
