/* Limits of the integer types (from the compiler's own <limits.h>) and the POSIX limits of this
 * system. */
#pragma once

#include_next <limits.h>

#include <libk/abi/types.h>

#define PATH_MAX ABI_PATH_MAX
#define NAME_MAX (ABI_OBJECT_NAME_MAX - 1)
#define SEM_VALUE_MAX ABI_SEMAPHORE_VALUE_MAX
#define PTHREAD_STACK_MIN ABI_THREAD_STACK_SIZE
#define ATEXIT_MAX 32
#define ARG_MAX ABI_ARGUMENT_BYTES_MAX
#define PAGESIZE 4096
#define SSIZE_MAX INT_MAX
