// Time and work for the demos: clocks in integer nanoseconds, sleeping, and "work" (a calibrated
// CPU-bound loop) so a worker can keep the CPU busy for a chosen time on any machine, fast host
// or emulated CPU alike. No floating point: the kernel does not let user code use the FPU yet.
#pragma once

#include <stdint.h>

#define NANOSECONDS_PER_MILLISECOND 1000000ll
#define NANOSECONDS_PER_MICROSECOND 1000ll

// Wall-clock time since some fixed moment (CLOCK_MONOTONIC).
int64_t now_ns(void);
// CPU time used so far by the calling thread / by all threads of this process.
int64_t thread_cpu_ns(void);
int64_t process_cpu_ns(void);

void sleep_us(int64_t microseconds);

// Measures how many work units this CPU does per millisecond. Call once at start, before any
// other thread exists, so that nothing else competes for the CPU while measuring.
void work_calibrate(void);
int64_t work_units_per_ms(void);
// Takes a figure measured elsewhere (by the parent process), so that processes started
// together neither measure while competing for the CPU nor disagree on what a millisecond is.
void work_set_units_per_ms(int64_t units_per_ms);

// The CPU-bound computation: a sum of mixed integers over [first, first + count). Sums over
// pieces add up (modulo 2^32) to the sum over the whole, so work split among threads can be
// checked exactly against work done by one.
uint32_t work_sum(uint32_t first, uint32_t count);

// Keeps the CPU busy for about the given time (by the calibration, not by the clock: time the
// worker spends preempted does not count, just as for real work).
void work_for_us(int64_t microseconds);
// The same in slices of slice_us, with sched_yield between slices so other ready threads get
// the CPU even on one CPU with a long time slice.
void work_for_us_yielding(int64_t microseconds, int64_t slice_us);

// A small per-thread random generator (xorshift32) for think times; state must not be 0.
uint32_t random_next(uint32_t* state);
// A number in [low, high].
int random_between(uint32_t* state, int low, int high);
