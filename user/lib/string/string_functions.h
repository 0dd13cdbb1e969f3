// The <string.h> functions the user library adds to libk's (libk/string.h), declared the way
// libk declares its own: under their C names in a program, as libk_strcpy and so on in the host
// tests, which then test exactly this code.
#pragma once

#include "libk/string.h"

extern "C" {
void* LIBK_C_NAME(memchr)(const void* memory, int value, size_t count);
int LIBK_C_NAME(strcoll)(const char* a, const char* b);
char* LIBK_C_NAME(strcpy)(char* destination, const char* source);
char* LIBK_C_NAME(strncpy)(char* destination, const char* source, size_t count);
char* LIBK_C_NAME(strcat)(char* destination, const char* source);
char* LIBK_C_NAME(strncat)(char* destination, const char* source, size_t count);
char* LIBK_C_NAME(strrchr)(const char* text, int character);
char* LIBK_C_NAME(strstr)(const char* text, const char* part);
size_t LIBK_C_NAME(strspn)(const char* text, const char* accepted);
size_t LIBK_C_NAME(strcspn)(const char* text, const char* rejected);
char* LIBK_C_NAME(strpbrk)(const char* text, const char* wanted);
char* LIBK_C_NAME(strtok)(char* text, const char* separators);
char* LIBK_C_NAME(strtok_r)(char* text, const char* separators, char** state);
char* LIBK_C_NAME(strdup)(const char* text);
char* LIBK_C_NAME(strndup)(const char* text, size_t limit);
}
