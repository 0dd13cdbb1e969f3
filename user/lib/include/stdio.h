/* Standard input and output. Three streams exist: stdin, stdout (line-buffered: written out at
 * each newline, before input is read, and at exit) and stderr (written out at the end of every
 * call). Each call is atomic with respect to the other threads of the process, so lines that
 * threads print do not mix. Formatting is libk's (libk/format.h): %d %i %u %o %x %X %p %s %c %%
 * with flags, width, precision and the length modifiers hh h l ll z t j; no floating point.
 * There is no fopen: files are read with open/read from <fcntl.h> and <unistd.h>. */
#pragma once

#include <stdarg.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define EOF (-1)
#define BUFSIZ 1024

/* Buffering modes for setvbuf. */
#define _IOFBF 0 /* full: written when the buffer is full */
#define _IOLBF 1 /* line: also written at each newline */
#define _IONBF 2 /* none: written at the end of every call */

typedef struct __file FILE;

__BEGIN_DECLS

extern FILE* stdin;
extern FILE* stdout;
extern FILE* stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr

int printf(const char* format, ...) __printf_like(1, 2);
int fprintf(FILE* stream, const char* format, ...) __printf_like(2, 3);
int sprintf(char* buffer, const char* format, ...) __printf_like(2, 3);
int snprintf(char* buffer, size_t size, const char* format, ...) __printf_like(3, 4);
int vprintf(const char* format, va_list arguments) __printf_like(1, 0);
int vfprintf(FILE* stream, const char* format, va_list arguments) __printf_like(2, 0);
int vsprintf(char* buffer, const char* format, va_list arguments) __printf_like(2, 0);
int vsnprintf(char* buffer, size_t size, const char* format, va_list arguments) __printf_like(3, 0);

int putchar(int character);
int fputc(int character, FILE* stream);
int putc(int character, FILE* stream);
int puts(const char* text);
int fputs(const char* text, FILE* stream);
size_t fwrite(const void* data, size_t size, size_t count, FILE* stream);
int fflush(FILE* stream); /* NULL flushes every stream */
int setvbuf(FILE* stream, char* buffer, int mode, size_t size);
void setbuf(FILE* stream, char* buffer);

int getchar(void);
int fgetc(FILE* stream);
int getc(FILE* stream);
int ungetc(int character, FILE* stream);
char* fgets(char* buffer, int size, FILE* stream);

int ferror(FILE* stream);
int feof(FILE* stream);
void clearerr(FILE* stream);
int fileno(FILE* stream);

/* Prints "text: message for errno" on stderr (just the message when text is NULL or ""). */
void perror(const char* text);

__END_DECLS
