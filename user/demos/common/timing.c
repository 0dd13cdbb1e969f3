// Clocks, sleeping and calibrated CPU work (see timing.h).

#include "timing.h"

#include <errno.h>
#include <sched.h>
#include <time.h>

static int64_t read_clock(clockid_t clock) {
    struct timespec now;
    if (clock_gettime(clock, &now) != 0)
        return -1;
    return (int64_t)now.tv_sec * 1000000000ll + now.tv_nsec;
}

int64_t now_ns(void) {
    return read_clock(CLOCK_MONOTONIC);
}
int64_t thread_cpu_ns(void) {
    return read_clock(CLOCK_THREAD_CPUTIME_ID);
}
int64_t process_cpu_ns(void) {
    return read_clock(CLOCK_PROCESS_CPUTIME_ID);
}

void sleep_us(int64_t microseconds) {
    struct timespec wanted = {(time_t)(microseconds / 1000000),
                              (long)(microseconds % 1000000) * 1000};
    struct timespec left;
    while (nanosleep(&wanted, &left) != 0 && errno == EINTR)
        wanted = left;
}

// One unit of work: eight rounds of multiply, add and shift on the unit's number (a few
// nanoseconds on a current PC), so that even a long run counts its units in 32 bits.
uint32_t work_sum(uint32_t first, uint32_t count) {
    uint32_t sum = 0;
    for (uint32_t i = first; i != first + count; i++) {
        uint32_t x = i;
        for (int round = 0; round < 8; round++) {
            x = x * 2654435761u + 0x9E3779B9u; // Knuth's multiplicative hash, golden ratio
            x ^= x >> 15;
        }
        sum += x;
    }
    return sum;
}

// Read by every worker thread after the calibration; written once before they exist.
static int64_t g_units_per_ms = 100000;

// Written by work_for_us so the compiler cannot drop the loop as useless.
static volatile uint32_t g_work_sink;

int64_t work_units_per_ms(void) {
    return g_units_per_ms;
}

void work_set_units_per_ms(int64_t units_per_ms) {
    g_units_per_ms = units_per_ms > 0 ? units_per_ms : 1;
}

// Doubles the amount of work until it takes 50 ms: long enough that a clock which only
// advances at each timer tick (10 ms) still gives a figure within about 20 %.
void work_calibrate(void) {
    clockid_t clock = thread_cpu_ns() >= 0 ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC;
    uint32_t units = 1000;
    for (;;) {
        int64_t start = read_clock(clock);
        g_work_sink = work_sum(0, units);
        int64_t elapsed = read_clock(clock) - start;
        if (elapsed >= 50 * NANOSECONDS_PER_MILLISECOND || units >= (1u << 30)) {
            int64_t rate =
                (int64_t)units * NANOSECONDS_PER_MILLISECOND / (elapsed > 0 ? elapsed : 1);
            g_units_per_ms = rate > 0 ? rate : 1;
            return;
        }
        units *= 2;
    }
}

void work_for_us(int64_t microseconds) {
    int64_t units = g_units_per_ms * microseconds / 1000;
    uint32_t first = 0;
    while (units > 0) {
        uint32_t piece = units > 1000000 ? 1000000 : (uint32_t)units;
        g_work_sink = work_sum(first, piece);
        first += piece;
        units -= piece;
    }
}

void work_for_us_yielding(int64_t microseconds, int64_t slice_us) {
    if (slice_us <= 0)
        slice_us = microseconds;
    while (microseconds > 0) {
        int64_t piece = microseconds < slice_us ? microseconds : slice_us;
        work_for_us(piece);
        microseconds -= piece;
        if (microseconds > 0)
            sched_yield();
    }
}

uint32_t random_next(uint32_t* state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

int random_between(uint32_t* state, int low, int high) {
    if (high <= low)
        return low;
    return low + (int)(random_next(state) % (uint32_t)(high - low + 1));
}
