// Clocks and sleeping. The kernel counts in timer ticks and milliseconds; nanosleep and friends
// round up, so they never sleep less than asked.
#include "user/lib/internal/caller_memory.h"
#include "user/lib/internal/system_call.h"
#include <errno.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

// The kernel fills struct abi_timespec; the program reads struct timespec.
static_assert(sizeof(struct timespec) == sizeof(abi_timespec));
static_assert(__builtin_offsetof(struct timespec, tv_nsec) ==
              __builtin_offsetof(abi_timespec, nanoseconds));

namespace {

constexpr long NANOSECONDS_PER_MILLISECOND = 1000000;
constexpr long NANOSECONDS_PER_SECOND = 1000000000;

void sleep_milliseconds(uint64_t milliseconds) {
    // The call takes 32 bits: sleep longer requests in pieces.
    constexpr uint32_t LONGEST = 0xFFFFFFFF;
    while (milliseconds > 0) {
        uint32_t piece = milliseconds > LONGEST ? LONGEST : static_cast<uint32_t>(milliseconds);
        userlib::system_call(SYSCALL_SLEEP_MS, piece);
        milliseconds -= piece;
    }
}

} // namespace

extern "C" {

int clock_gettime(clockid_t clock, struct timespec* time) {
    return userlib::c_result(userlib::system_call(SYSCALL_CLOCK_GETTIME, clock, time));
}

// `remaining` is written only when a sleep is interrupted (POSIX), which never happens here:
// there are no signals. So it is not touched at all, as on Linux.
int nanosleep(const struct timespec* request, struct timespec*) {
    struct timespec wanted;
    if (int error = userlib::load(wanted, request)) {
        errno = error;
        return -1;
    }
    if (wanted.tv_sec < 0 || wanted.tv_nsec < 0 || wanted.tv_nsec >= NANOSECONDS_PER_SECOND) {
        errno = EINVAL;
        return -1;
    }
    uint64_t milliseconds =
        static_cast<uint64_t>(wanted.tv_sec) * 1000 +
        (wanted.tv_nsec + NANOSECONDS_PER_MILLISECOND - 1) / NANOSECONDS_PER_MILLISECOND;
    sleep_milliseconds(milliseconds);
    return 0;
}

unsigned int sleep(unsigned int seconds) {
    sleep_milliseconds(static_cast<uint64_t>(seconds) * 1000);
    return 0;
}

int usleep(useconds_t microseconds) {
    sleep_milliseconds((static_cast<uint64_t>(microseconds) + 999) / 1000);
    return 0;
}

int sched_yield() {
    return userlib::c_result(userlib::system_call(SYSCALL_YIELD));
}

time_t time(time_t* result) {
    struct timespec now;
    if (clock_gettime(CLOCK_REALTIME, &now) != 0)
        return static_cast<time_t>(-1);
    if (result) {
        if (int error = userlib::store(result, now.tv_sec)) {
            errno = error; // as Linux's time call: EFAULT, and -1
            return static_cast<time_t>(-1);
        }
    }
    return now.tv_sec;
}

clock_t clock() {
    struct timespec used;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used) != 0)
        return static_cast<clock_t>(-1);
    return used.tv_sec * CLOCKS_PER_SEC + used.tv_nsec / (NANOSECONDS_PER_SECOND / CLOCKS_PER_SEC);
}

} // extern "C"
