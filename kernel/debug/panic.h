// panic(): the kernel found one of its own invariants broken. It prints the reason, the
// registers and a backtrace, then stops; in a test run it ends QEMU with a failure status.
// Never use it for bad input from user space: that is an error code.
#pragma once

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
