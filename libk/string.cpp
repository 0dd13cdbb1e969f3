// Byte-at-a-time versions of the string functions: simple enough to read in one sitting.
// The kernel's hot copies are small; when one is not, a faster copy can replace these.
#include "libk/string.h"

extern "C" {

void* LIBK_C_NAME(memcpy)(void* destination, const void* source, size_t count) {
    auto* to = static_cast<unsigned char*>(destination);
    auto* from = static_cast<const unsigned char*>(source);
    while (count--)
        *to++ = *from++;
    return destination;
}

void* LIBK_C_NAME(memmove)(void* destination, const void* source, size_t count) {
    auto* to = static_cast<unsigned char*>(destination);
    auto* from = static_cast<const unsigned char*>(source);
    if (to == from || count == 0)
        return destination;
    if (to < from) {
        while (count--)
            *to++ = *from++;
    } else {
        // Overlap with the destination above the source: copy from the end backwards.
        to += count;
        from += count;
        while (count--)
            *--to = *--from;
    }
    return destination;
}

void* LIBK_C_NAME(memset)(void* destination, int value, size_t count) {
    auto* to = static_cast<unsigned char*>(destination);
    while (count--)
        *to++ = static_cast<unsigned char>(value);
    return destination;
}

int LIBK_C_NAME(memcmp)(const void* a, const void* b, size_t count) {
    auto* left = static_cast<const unsigned char*>(a);
    auto* right = static_cast<const unsigned char*>(b);
    for (size_t i = 0; i < count; ++i) {
        if (left[i] != right[i])
            return left[i] < right[i] ? -1 : 1;
    }
    return 0;
}

size_t LIBK_C_NAME(strlen)(const char* text) {
    size_t length = 0;
    while (text[length])
        ++length;
    return length;
}

size_t LIBK_C_NAME(strnlen)(const char* text, size_t limit) {
    size_t length = 0;
    while (length < limit && text[length])
        ++length;
    return length;
}

int LIBK_C_NAME(strcmp)(const char* a, const char* b) {
    while (*a && *a == *b) {
        ++a;
        ++b;
    }
    return static_cast<unsigned char>(*a) - static_cast<unsigned char>(*b);
}

int LIBK_C_NAME(strncmp)(const char* a, const char* b, size_t limit) {
    for (size_t i = 0; i < limit; ++i) {
        if (a[i] != b[i] || a[i] == '\0')
            return static_cast<unsigned char>(a[i]) - static_cast<unsigned char>(b[i]);
    }
    return 0;
}

char* LIBK_C_NAME(strchr)(const char* text, int character) {
    for (;; ++text) {
        if (*text == static_cast<char>(character))
            return const_cast<char*>(text);
        if (*text == '\0')
            return nullptr;
    }
}

} // extern "C"

namespace libk {

bool starts_with(const char* text, const char* prefix) {
    while (*prefix) {
        if (*text++ != *prefix++)
            return false;
    }
    return true;
}

size_t copy_string(char* destination, const char* source, size_t size) {
    size_t length = LIBK_C_NAME(strlen)(source);
    if (size > 0) {
        size_t count = length < size - 1 ? length : size - 1;
        LIBK_C_NAME(memcpy)(destination, source, count);
        destination[count] = '\0';
    }
    return length;
}

} // namespace libk
