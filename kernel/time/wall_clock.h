// Wall-clock time: the CMOS clock read once at boot, then advanced by the kernel's own uptime,
// so it never jumps while the kernel runs. For CLOCK_REALTIME and time().
#pragma once

#include "libk/types.h"

namespace wall_clock {

// Reads the CMOS clock. Once, at boot, after the timer is running.
void initialize();

// Seconds since 1970-01-01 00:00:00 UTC at boot (the CMOS clock is taken to be in UTC, as QEMU
// keeps it by default).
uint64_t boot_seconds();

// Days from 1970-01-01 to the given date of the Gregorian calendar (negative before 1970).
int64_t days_since_epoch(int64_t year, uint32_t month, uint32_t day);

} // namespace wall_clock
