// Memory and string functions. The C names (memcpy, strlen, ...) are what the compiler itself
// emits calls to, so they keep C linkage; on the host they are the C library's own.
#pragma once

#include "libk/types.h"

// On the host the C library already owns these names, so the host tests build our versions
// under a libk_ prefix (libk_memcpy, ...) and test exactly the code the kernel runs.
// Kernel code built into the host tests calls the plain names, which are then the C library's.
#ifdef LIBK_HOSTED
#include <string.h>
#define LIBK_C_NAME(name) libk_##name
#else
#define LIBK_C_NAME(name) name
#endif

extern "C" {
void* LIBK_C_NAME(memcpy)(void* destination, const void* source, size_t count);
void* LIBK_C_NAME(memmove)(void* destination, const void* source, size_t count);
void* LIBK_C_NAME(memset)(void* destination, int value, size_t count);
int LIBK_C_NAME(memcmp)(const void* a, const void* b, size_t count);
size_t LIBK_C_NAME(strlen)(const char* text);
size_t LIBK_C_NAME(strnlen)(const char* text, size_t limit);
int LIBK_C_NAME(strcmp)(const char* a, const char* b);
int LIBK_C_NAME(strncmp)(const char* a, const char* b, size_t limit);
char* LIBK_C_NAME(strchr)(const char* text, int character);
}

namespace libk {

// True when `text` begins with `prefix`.
bool starts_with(const char* text, const char* prefix);

// Copies at most size-1 bytes of `source` and always terminates (when size > 0).
// Returns strlen(source), so a result >= size means the copy was cut short.
size_t copy_string(char* destination, const char* source, size_t size);

} // namespace libk
