// panic(): the kernel found one of its own invariants broken. It prints the reason, the
// registers and a symbolized backtrace, then stops: in a test run ("test=" on the command line)
// it ends QEMU with the failure status, otherwise the CPU halts. A panic while a panic is being
// reported prints one short line and stops at once. Never use it for bad input from user space:
// that is an error code.
#pragma once

#include "libk/types.h"

namespace arch {
struct InterruptFrame;
}

[[noreturn]] void panic(const char* format, ...) __attribute__((format(printf, 1, 2)));

// For a fault taken in kernel mode: the registers and backtrace come from the interrupted code
// (`frame`), not from the exception handler that calls this.
[[noreturn]] void panic_with_frame(const arch::InterruptFrame& frame, const char* format, ...)
    __attribute__((format(printf, 2, 3)));

// VERIFY(condition): panic with the condition's text, file and line when it is false.
#define VERIFY(condition)                                                                          \
    do {                                                                                           \
        if (!(condition))                                                                          \
            panic("VERIFY(%s) failed at %s:%d", #condition, __FILE__, __LINE__);                   \
    } while (0)

namespace debug {

// A subsystem can add its own lines to every panic report (the scheduler: which thread was
// running; the trace: its last events). Reporters run after the backtrace, in the order they
// were added. Returns false when all MAXIMUM_PANIC_REPORTERS places are taken.
using PanicReporter = void (*)();
constexpr size_t MAXIMUM_PANIC_REPORTERS = 4;
[[nodiscard]] bool add_panic_reporter(PanicReporter reporter);

} // namespace debug
