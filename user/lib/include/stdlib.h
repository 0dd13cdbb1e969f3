/* General utilities: memory (malloc over the program break, see sbrk in <unistd.h>), ending the
 * process, number conversion. */
#pragma once

#include <sys/cdefs.h>
#include <sys/types.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647

typedef struct {
    int quot;
    int rem;
} div_t;

__BEGIN_DECLS

void* malloc(size_t size);
void* calloc(size_t count, size_t size);
void* realloc(void* pointer, size_t size);
void free(void* pointer);

/* Ends the whole process, whatever its other threads are doing: runs the atexit functions
 * (last registered first) and the static destructors, writes out stdout, then exits. */
__noreturn void exit(int status);
/* Ends the process at once, without atexit functions or writing out buffers. */
__noreturn void _Exit(int status);
/* Ends the process as killed by SIGABRT (its wait status says so). */
__noreturn void abort(void);
int atexit(void (*function)(void));

int atoi(const char* text);
long atol(const char* text);
long long atoll(const char* text);
long strtol(const char* text, char** end, int base);
unsigned long strtoul(const char* text, char** end, int base);
long long strtoll(const char* text, char** end, int base);
unsigned long long strtoull(const char* text, char** end, int base);

int abs(int value);
long labs(long value);
long long llabs(long long value);
div_t div(int numerator, int denominator);

/* A pseudo-random sequence, the same for the same seed (per process, not thread-safe, as C
 * allows). */
int rand(void);
void srand(unsigned int seed);

/* The environment is empty: programs start without one. */
char* getenv(const char* name);

__END_DECLS
