// Time: uptime_ms, read_cycles, clock_gettime (libk/abi/system_calls.h has the contracts).
// Every clock counts in timer ticks (10 ms at the default 100 Hz) except the cycle counter.
#include "arch/cpu.h"
#include "kernel/proc/process_info.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/calls.h"
#include "kernel/time/clock.h"
#include "kernel/time/wall_clock.h"
#include "libk/abi/types.h"

namespace system_call {
namespace {

constexpr uint64_t NANOSECONDS_PER_SECOND = 1000000000ull;

uint64_t clock_nanoseconds(uint32_t clock) {
    switch (clock) {
    case ABI_CLOCK_REALTIME:
        return wall_clock::boot_seconds() * NANOSECONDS_PER_SECOND +
               process_info::ticks_to_nanoseconds(clock::ticks());
    case ABI_CLOCK_MONOTONIC:
        return process_info::ticks_to_nanoseconds(clock::ticks());
    case ABI_CLOCK_PROCESS_CPUTIME_ID: {
        InterruptGuard guard;
        return process_info::ticks_to_nanoseconds(process_info::cpu_ticks(current_process()));
    }
    default: // ABI_CLOCK_THREAD_CPUTIME_ID
        return process_info::ticks_to_nanoseconds(scheduler::current().statistics().ticks_run);
    }
}

} // namespace

Result uptime_ms(uint32_t milliseconds) {
    uint64_t uptime = clock::uptime_ms();
    TRY(current_process().copy_to_user(milliseconds, &uptime, sizeof uptime));
    return 0;
}

Result read_cycles(uint32_t cycles) {
    uint64_t now = arch::read_timestamp_counter();
    TRY(current_process().copy_to_user(cycles, &now, sizeof now));
    return 0;
}

Result clock_gettime(uint32_t clock, uint32_t time) {
    if (clock > ABI_CLOCK_THREAD_CPUTIME_ID)
        return libk::Error::InvalidArgument;
    uint64_t nanoseconds = clock_nanoseconds(clock);
    abi_timespec value{static_cast<int32_t>(nanoseconds / NANOSECONDS_PER_SECOND),
                       static_cast<int32_t>(nanoseconds % NANOSECONDS_PER_SECOND)};
    TRY(current_process().copy_to_user(time, &value, sizeof value));
    return 0;
}

} // namespace system_call
