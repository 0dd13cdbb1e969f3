// Number conversions and small arithmetic helpers of <stdlib.h>. The conversions are
// integer_parsing.cpp with the ranges of this system's types (long is 32 bits on i386).
#include "user/lib/stdlib/integer_parsing.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

namespace {

template <typename Result, typename Parsed>
Result finish(Parsed parsed, char** end) {
    if (end)
        *end = const_cast<char*>(parsed.end);
    if (parsed.error)
        errno = parsed.error;
    return static_cast<Result>(parsed.value);
}

unsigned int g_random_state = 1; // rand's state; srand(1) is the default, as C specifies

} // namespace

extern "C" {

long strtol(const char* text, char** end, int base) {
    return finish<long>(userlib::parse_signed(text, base, LONG_MIN, LONG_MAX), end);
}

long long strtoll(const char* text, char** end, int base) {
    return finish<long long>(userlib::parse_signed(text, base, LLONG_MIN, LLONG_MAX), end);
}

unsigned long strtoul(const char* text, char** end, int base) {
    return finish<unsigned long>(userlib::parse_unsigned(text, base, ULONG_MAX), end);
}

unsigned long long strtoull(const char* text, char** end, int base) {
    return finish<unsigned long long>(userlib::parse_unsigned(text, base, ULLONG_MAX), end);
}

// C leaves out-of-range values undefined for atoi; here they saturate, and errno is untouched.
int atoi(const char* text) {
    return static_cast<int>(userlib::parse_signed(text, 10, INT_MIN, INT_MAX).value);
}

long atol(const char* text) {
    return userlib::parse_signed(text, 10, LONG_MIN, LONG_MAX).value;
}

long long atoll(const char* text) {
    return userlib::parse_signed(text, 10, LLONG_MIN, LLONG_MAX).value;
}

int abs(int value) {
    return value < 0 ? -value : value;
}
long labs(long value) {
    return value < 0 ? -value : value;
}
long long llabs(long long value) {
    return value < 0 ? -value : value;
}

div_t div(int numerator, int denominator) {
    return {numerator / denominator, numerator % denominator};
}

// A linear congruential generator (the constants of Numerical Recipes), taking the high bits,
// which are the better ones in such a generator.
int rand() {
    g_random_state = g_random_state * 1664525u + 1013904223u;
    return static_cast<int>(g_random_state >> 1);
}

void srand(unsigned int seed) {
    g_random_state = seed;
}

} // extern "C"
