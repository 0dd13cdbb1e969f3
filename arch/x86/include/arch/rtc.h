// The CMOS real-time clock: the battery-backed wall clock of the PC. The kernel keeps time with
// the PIT; the RTC is an independent second source (QEMU's follows the host's clock), which is
// how the tests check that the PIT really ticks at the rate it was given.
#pragma once

#include <stdint.h>

namespace arch::rtc {

struct Time {
    uint8_t hours;
    uint8_t minutes;
    uint8_t seconds;
};

// Reads a consistent time (never one torn by the RTC's once-a-second update).
Time read_time();

struct Date {
    uint16_t year; // e.g. 2024
    uint8_t month; // 1-12
    uint8_t day;   // 1-31
};

// The date and time together, read consistently (around midnight the two cannot disagree).
void read_date_time(Date& date, Time& time);

} // namespace arch::rtc
