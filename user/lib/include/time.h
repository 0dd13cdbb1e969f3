/* Time: the wall clock, time since boot, and the CPU time used by the process or by the calling
 * thread (clock_gettime), and sleeping with nanosecond syntax (whole timer ticks in practice). */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define CLOCK_REALTIME ABI_CLOCK_REALTIME
#define CLOCK_MONOTONIC ABI_CLOCK_MONOTONIC
#define CLOCK_PROCESS_CPUTIME_ID ABI_CLOCK_PROCESS_CPUTIME_ID
#define CLOCK_THREAD_CPUTIME_ID ABI_CLOCK_THREAD_CPUTIME_ID
#define CLOCKS_PER_SEC 1000000L

/* Laid out exactly as struct abi_timespec, which the kernel fills. */
struct timespec {
    time_t tv_sec;
    long tv_nsec;
};

__BEGIN_DECLS
int clock_gettime(clockid_t clock, struct timespec* time);
/* Sleeps at least `request`; with no signals it is never interrupted, so `remaining` is never
 * written (POSIX writes it only after an interruption). */
int nanosleep(const struct timespec* request, struct timespec* remaining);
time_t time(time_t* result);
/* CPU time used by the process, in CLOCKS_PER_SEC units. */
clock_t clock(void);
__END_DECLS
