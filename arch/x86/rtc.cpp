// Reading the time from the CMOS real-time clock (MC146818 registers, as every PC has them).
// The RTC updates its registers once a second; while it does ("update in progress"), a read may
// mix old and new values, so read_time() waits for that flag to clear and reads until two
// consecutive reads agree.
#include "arch/rtc.h"
#include "arch/port_io.h"

namespace arch::rtc {
namespace {

constexpr uint16_t CMOS_INDEX = 0x70;
constexpr uint16_t CMOS_DATA = 0x71;

constexpr uint8_t REGISTER_SECONDS = 0x00;
constexpr uint8_t REGISTER_MINUTES = 0x02;
constexpr uint8_t REGISTER_HOURS = 0x04;
constexpr uint8_t REGISTER_DAY = 0x07;
constexpr uint8_t REGISTER_MONTH = 0x08;
constexpr uint8_t REGISTER_YEAR = 0x09; // two digits; the century is assumed to be 20
constexpr uint8_t REGISTER_STATUS_A = 0x0A;
constexpr uint8_t REGISTER_STATUS_B = 0x0B;

constexpr uint8_t STATUS_A_UPDATE_IN_PROGRESS = 0x80;
constexpr uint8_t STATUS_B_BINARY = 0x04;  // otherwise the values are BCD
constexpr uint8_t STATUS_B_24_HOUR = 0x02; // otherwise bit 7 of the hours means p.m.
constexpr uint8_t HOURS_PM = 0x80;

uint8_t read_register(uint8_t index) {
    write_port_byte(CMOS_INDEX, index);
    return read_port_byte(CMOS_DATA);
}

uint8_t from_bcd(uint8_t value) {
    return static_cast<uint8_t>((value >> 4) * 10 + (value & 0x0F));
}

Time read_raw() {
    while (read_register(REGISTER_STATUS_A) & STATUS_A_UPDATE_IN_PROGRESS) {
    }
    return Time{read_register(REGISTER_HOURS), read_register(REGISTER_MINUTES),
                read_register(REGISTER_SECONDS)};
}

bool same(const Time& a, const Time& b) {
    return a.hours == b.hours && a.minutes == b.minutes && a.seconds == b.seconds;
}

} // namespace

Time read_time() {
    Time time = read_raw();
    for (Time again = read_raw(); !same(time, again); again = read_raw())
        time = again;

    uint8_t status = read_register(REGISTER_STATUS_B);
    bool pm = (time.hours & HOURS_PM) != 0;
    time.hours &= static_cast<uint8_t>(~HOURS_PM);
    if ((status & STATUS_B_BINARY) == 0) {
        time.hours = from_bcd(time.hours);
        time.minutes = from_bcd(time.minutes);
        time.seconds = from_bcd(time.seconds);
    }
    if ((status & STATUS_B_24_HOUR) == 0)
        time.hours = static_cast<uint8_t>(time.hours % 12 + (pm ? 12 : 0));
    return time;
}

void read_date_time(Date& date, Time& time) {
    uint8_t day, month, year;
    do {
        time = read_time();
        day = read_register(REGISTER_DAY);
        month = read_register(REGISTER_MONTH);
        year = read_register(REGISTER_YEAR);
    } while (!same(time, read_time())); // the date belongs to this very second
    if ((read_register(REGISTER_STATUS_B) & STATUS_B_BINARY) == 0) {
        day = from_bcd(day);
        month = from_bcd(month);
        year = from_bcd(year);
    }
    date = Date{static_cast<uint16_t>(2000 + year), month, day};
}

} // namespace arch::rtc
