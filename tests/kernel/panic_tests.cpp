// The panic path itself: a panic must end QEMU with the failure status and a report that names
// the functions on the way to it; the stack protector and a panic inside a panic end there too.
// Every expected text below can only appear in the report (the runner ignores the announcement).
#include "arch/interrupt_frame.h"
#include "kernel/debug/panic.h"
#include "kernel/testing/kernel_test.h"

namespace {

// Written after each call so that no call in the chain becomes a tail jump, which would leave
// its caller's frame off the stack.
volatile int g_calls_returned = 0;

[[gnu::noinline]] void panic_chain_innermost(int depth) {
    panic("deliberate panic at depth %d of a call chain", depth);
}

[[gnu::noinline]] void panic_chain_middle(int depth) {
    panic_chain_innermost(depth + 1);
    g_calls_returned = g_calls_returned + 1;
}

[[gnu::noinline]] void panic_chain_outermost(int depth) {
    panic_chain_middle(depth + 1);
    g_calls_returned = g_calls_returned + 1;
}

volatile size_t g_overflow_length = 32;
volatile char g_sink;

// Writes g_overflow_length bytes into a 16-byte array: the stack guard above it is overwritten.
[[gnu::noinline]] void overflow_a_local_array() {
    char buffer[16];
    char* volatile cursor = buffer; // the compiler cannot see where the writes go
    for (size_t i = 0; i < g_overflow_length; ++i)
        cursor[i] = 'x';
    g_sink = buffer[0];
}

void panic_from_a_panic_reporter() {
    panic("second panic, from a panic reporter");
}

// Only its address is used: the fake interrupt frame below says the fault happened here.
[[gnu::noinline]] void fault_site_marker() {
    g_calls_returned = g_calls_returned + 1;
}

} // namespace

KERNEL_TEST_EXPECTING_PANIC(panic_exits_with_failure, "deliberate panic from a test") {
    panic("deliberate panic from a test (value %d)", 7);
}

// The report's backtrace must name the outermost function of the chain: the panic message does
// not contain it, so only a symbolized backtrace that walked three frames up can print it.
KERNEL_TEST_EXPECTING_PANIC(panic_backtrace_names_the_callers, "panic_chain_outermost(int)+0x") {
    panic_chain_outermost(1);
    g_calls_returned = g_calls_returned + 1;
}

KERNEL_TEST_EXPECTING_PANIC(stack_protector_catches_an_overflow, "stack smashing detected") {
    overflow_a_local_array();
    testing::fail(__FILE__, __LINE__, "the overflow returned without being detected");
}

// A reporter that panics makes a panic inside the panic report: one short line, then a stop
// (a loop would run into the runner's timeout, a recursion into a triple fault and status 0).
KERNEL_TEST_EXPECTING_PANIC(nested_panic_stops,
                            "nested panic while reporting the first one: second panic") {
    EXPECT(debug::add_panic_reporter(panic_from_a_panic_reporter));
    panic("first panic");
}

// panic_with_frame reports the interrupted code, not its caller: the frame says eip was at the
// first byte of fault_site_marker, so the backtrace must start there with offset 0 (an eip is an
// exact address, not a return address).
KERNEL_TEST_EXPECTING_PANIC(panic_with_frame_reports_the_interrupted_code,
                            "fault_site_marker()+0x0") {
    arch::InterruptFrame frame{};
    frame.eip = reinterpret_cast<uintptr_t>(&fault_site_marker);
    frame.ebp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    frame.cs = 0x08; // ring 0
    panic_with_frame(frame, "fault reported through a frame");
}
