// A host stand-in for the kernel's panic(): kernel logic compiled for the host tests calls
// VERIFY and panic() like in the kernel, and here a panic becomes a C++ exception, so a test can
// check that a broken invariant is caught (EXPECT_THROW(..., KernelPanic)).
#include "tests/host/kernel_panic_double.h"
#include "kernel/debug/panic.h"
#include <cstdarg>
#include <cstdio>

namespace {

std::string format_message(const char* format, va_list arguments) {
    char buffer[512];
    vsnprintf(buffer, sizeof buffer, format, arguments);
    return buffer;
}

} // namespace

void panic(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    std::string message = format_message(format, arguments);
    va_end(arguments);
    throw KernelPanic(message);
}

void panic_with_frame(const arch::InterruptFrame&, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    std::string message = format_message(format, arguments);
    va_end(arguments);
    throw KernelPanic(message);
}
