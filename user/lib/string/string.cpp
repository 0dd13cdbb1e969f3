// String functions beyond libk's core set, written plainly, one loop each.
#include "user/lib/string/string_functions.h"
#include <stdlib.h>

// libk's own functions, under the names they have in this build.
#define STRLEN LIBK_C_NAME(strlen)
#define STRCHR LIBK_C_NAME(strchr)

extern "C" {

void* LIBK_C_NAME(memchr)(const void* memory, int value, size_t count) {
    auto* bytes = static_cast<const unsigned char*>(memory);
    for (size_t i = 0; i < count; ++i) {
        if (bytes[i] == static_cast<unsigned char>(value))
            return const_cast<unsigned char*>(bytes + i);
    }
    return nullptr;
}

// There is only the "C" locale, where collation is byte order.
int LIBK_C_NAME(strcoll)(const char* a, const char* b) {
    return LIBK_C_NAME(strcmp)(a, b);
}

char* LIBK_C_NAME(strcpy)(char* destination, const char* source) {
    char* cursor = destination;
    while ((*cursor++ = *source++))
        ;
    return destination;
}

// C's strncpy: copies at most `count` bytes and pads with NULs up to `count`; the result is not
// terminated when the source is `count` bytes or longer.
char* LIBK_C_NAME(strncpy)(char* destination, const char* source, size_t count) {
    size_t i = 0;
    for (; i < count && source[i]; ++i)
        destination[i] = source[i];
    for (; i < count; ++i)
        destination[i] = '\0';
    return destination;
}

char* LIBK_C_NAME(strcat)(char* destination, const char* source) {
    LIBK_C_NAME(strcpy)(destination + STRLEN(destination), source);
    return destination;
}

// Appends at most `count` bytes of `source`, and always a terminator.
char* LIBK_C_NAME(strncat)(char* destination, const char* source, size_t count) {
    char* end = destination + STRLEN(destination);
    size_t i = 0;
    for (; i < count && source[i]; ++i)
        end[i] = source[i];
    end[i] = '\0';
    return destination;
}

char* LIBK_C_NAME(strrchr)(const char* text, int character) {
    const char* found = nullptr;
    for (;; ++text) {
        if (*text == static_cast<char>(character))
            found = text;
        if (*text == '\0')
            return const_cast<char*>(found);
    }
}

char* LIBK_C_NAME(strstr)(const char* text, const char* part) {
    size_t length = STRLEN(part);
    for (; *text; ++text) {
        if (LIBK_C_NAME(strncmp)(text, part, length) == 0)
            return const_cast<char*>(text);
    }
    return length == 0 ? const_cast<char*>(text) : nullptr;
}

size_t LIBK_C_NAME(strspn)(const char* text, const char* accepted) {
    size_t length = 0;
    while (text[length] && STRCHR(accepted, text[length]))
        ++length;
    return length;
}

size_t LIBK_C_NAME(strcspn)(const char* text, const char* rejected) {
    size_t length = 0;
    while (text[length] && !STRCHR(rejected, text[length]))
        ++length;
    return length;
}

char* LIBK_C_NAME(strpbrk)(const char* text, const char* wanted) {
    text += LIBK_C_NAME(strcspn)(text, wanted);
    return *text ? const_cast<char*>(text) : nullptr;
}

// Splits `text` at any of `separators`; `state` remembers where the next call continues.
char* LIBK_C_NAME(strtok_r)(char* text, const char* separators, char** state) {
    if (!text)
        text = *state;
    text += LIBK_C_NAME(strspn)(text, separators);
    if (*text == '\0') {
        *state = text;
        return nullptr;
    }
    char* end = text + LIBK_C_NAME(strcspn)(text, separators);
    if (*end) {
        *end = '\0';
        *state = end + 1;
    } else {
        *state = end;
    }
    return text;
}

// Not thread-safe, as C says; strtok_r is.
char* LIBK_C_NAME(strtok)(char* text, const char* separators) {
    static char* state = nullptr;
    return LIBK_C_NAME(strtok_r)(text, separators, &state);
}

char* LIBK_C_NAME(strndup)(const char* text, size_t limit) {
    size_t length = LIBK_C_NAME(strnlen)(text, limit);
    auto* copy = static_cast<char*>(malloc(length + 1));
    if (!copy)
        return nullptr;
    LIBK_C_NAME(memcpy)(copy, text, length);
    copy[length] = '\0';
    return copy;
}

char* LIBK_C_NAME(strdup)(const char* text) {
    return LIBK_C_NAME(strndup)(text, SIZE_MAX);
}

} // extern "C"
