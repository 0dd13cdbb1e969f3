// See wall_clock.h.
#include "kernel/time/wall_clock.h"
#include "arch/rtc.h"
#include "kernel/time/clock.h"

namespace wall_clock {
namespace {

uint64_t g_boot_seconds = 0;

} // namespace

int64_t days_since_epoch(int64_t year, uint32_t month, uint32_t day) {
    // Count years from March, so the leap day is the last day of the year: then every year
    // before the current month is a whole year, and months have a regular pattern of lengths.
    year -= month <= 2 ? 1 : 0;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;                           // 0-399
    int64_t month_from_march = (month + 9) % 12;                      // March is 0
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1; // 0-365
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; // 719468: days from 0000-03-01 to 1970-01-01
}

void initialize() {
    arch::rtc::Date date;
    arch::rtc::Time time;
    arch::rtc::read_date_time(date, time);
    int64_t days = days_since_epoch(date.year, date.month, date.day);
    int64_t seconds = days * 86400 + time.hours * 3600 + time.minutes * 60 + time.seconds;
    uint64_t uptime_seconds = clock::uptime_ms() / 1000;
    g_boot_seconds = static_cast<uint64_t>(seconds) - uptime_seconds;
}

uint64_t boot_seconds() {
    return g_boot_seconds;
}

} // namespace wall_clock
