/* Strings and memory. The core functions are libk's (libk/string.cpp), the ones the kernel
 * uses too; the rest are in user/lib/string/. */
#pragma once

#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

void* memcpy(void* destination, const void* source, size_t count);
void* memmove(void* destination, const void* source, size_t count);
void* memset(void* destination, int value, size_t count);
int memcmp(const void* a, const void* b, size_t count);
void* memchr(const void* memory, int value, size_t count);

size_t strlen(const char* text);
size_t strnlen(const char* text, size_t limit);
int strcmp(const char* a, const char* b);
int strncmp(const char* a, const char* b, size_t limit);
int strcoll(const char* a, const char* b);
char* strcpy(char* destination, const char* source);
char* strncpy(char* destination, const char* source, size_t count);
char* strcat(char* destination, const char* source);
char* strncat(char* destination, const char* source, size_t count);
char* strchr(const char* text, int character);
char* strrchr(const char* text, int character);
char* strstr(const char* text, const char* part);
size_t strspn(const char* text, const char* accepted);
size_t strcspn(const char* text, const char* rejected);
char* strpbrk(const char* text, const char* wanted);
char* strtok(char* text, const char* separators);
char* strtok_r(char* text, const char* separators, char** state);
char* strdup(const char* text);
char* strndup(const char* text, size_t limit);

/* The message for an error number ("Bad address" for EFAULT). */
char* strerror(int error_number);

__END_DECLS
