// The logic of strtol, strtoul, strtoll, strtoull and atoi, without errno or fixed types: the
// caller gives the range of its result type, so the same code serves every width and the host
// tests can check 32-bit long behaviour on a 64-bit machine.
#pragma once

#include <stddef.h>

namespace userlib {

template <typename Value>
struct ParsedInteger {
    Value value;     // the number, or the nearest limit when it was out of range
    const char* end; // first character not used; `text` itself when no number was found
    int error;       // 0, ERANGE (out of range) or EINVAL (base not 0 or 2..36)
};

// C's strtol rules: leading white space, an optional sign, an optional 0x/0X when base is 16 or
// 0, then digits of `base` (base 0 picks 16 for 0x, 8 for a leading 0, 10 otherwise).
ParsedInteger<long long> parse_signed(const char* text, int base, long long minimum,
                                      long long maximum);

// strtoul's rules: as above, and a minus sign negates the result in the unsigned type (so
// "-1" is `maximum`); only the digits' own value is checked against `maximum`.
// `maximum` must be one less than a power of two (the largest value of an unsigned type).
ParsedInteger<unsigned long long> parse_unsigned(const char* text, int base,
                                                 unsigned long long maximum);

} // namespace userlib
