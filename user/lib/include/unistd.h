/* POSIX system services: reading and writing handles, the program break, sleeping, process
 * identity. Handles 0, 1 and 2 are the console (input, output, error output). */
#pragma once

#include <sys/cdefs.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

__BEGIN_DECLS

ssize_t read(int handle, void* buffer, size_t count);
ssize_t write(int handle, const void* buffer, size_t count);
/* Closes any handle: a file, a shared-memory object, or a handle of <os.h>. */
int close(int handle);
int ftruncate(int handle, off_t length);

/* The program break: the end of the heap that malloc grows. */
int brk(void* address);
void* sbrk(intptr_t increment);

unsigned int sleep(unsigned int seconds);
int usleep(useconds_t microseconds);

pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);

/* Ends the process at once (no atexit functions, buffers not written). */
__noreturn void _exit(int status);

__END_DECLS
