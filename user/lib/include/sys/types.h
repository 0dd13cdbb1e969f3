/* The system's basic types (POSIX <sys/types.h>): one home for the typedefs that several
 * headers share. Sizes are those of Linux on i386: int and long are 32 bits. */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef int pid_t;
typedef int ssize_t;
typedef long off_t;
typedef long time_t; /* seconds; 32 bits, as on classic i386 Linux */
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef int clockid_t;
typedef long clock_t;
typedef unsigned int mode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;

/* Threads (<pthread.h> explains each). A pthread_t is the address of the thread's control block
 * in the user library, as an integer so that printf("%lu") works as it does on Linux. */
typedef unsigned long pthread_t;

typedef struct {
    int detach_state; /* PTHREAD_CREATE_JOINABLE or PTHREAD_CREATE_DETACHED */
} pthread_attr_t;

typedef struct {
    int type; /* PTHREAD_MUTEX_DEFAULT, _NORMAL, _ERRORCHECK or _RECURSIVE */
} pthread_mutexattr_t;

/* A mutex is a kernel mutex reached through a handle, plus what the library needs for the mutex
 * types the kernel does not know. All zeros is a valid, not yet created, default mutex:
 * PTHREAD_MUTEX_INITIALIZER. */
typedef struct {
    int handle_plus_one; /* kernel handle + 1; 0 until the kernel mutex is created */
    int type;            /* as in pthread_mutexattr_t */
    unsigned long owner; /* PTHREAD_MUTEX_RECURSIVE only: the owning thread, or 0 */
    unsigned int depth;  /* PTHREAD_MUTEX_RECURSIVE only: how many times the owner locked it */
} pthread_mutex_t;
