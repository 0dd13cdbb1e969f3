// See panic.h. Both entry points print the same report; they differ only in where the registers
// and the backtrace come from. Interrupts go off first, so nothing else runs while the report is
// written, and g_panics counts entries so that a fault inside the report cannot recurse forever.
#include "kernel/debug/panic.h"
#include "arch/cpu.h"
#include "arch/emulator.h"
#include "arch/interrupt_frame.h"
#include "arch/registers.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/debug/backtrace.h"
#include "kernel/debug/registers.h"

namespace {

// How many panics have started. Only touched with interrupts off, on the one CPU there is.
int g_panics = 0;

debug::PanicReporter g_reporters[debug::MAXIMUM_PANIC_REPORTERS];
size_t g_reporter_count = 0;

[[noreturn]] void stop() {
    // After a third panic nothing is trusted any more, not even the command line: leave QEMU
    // if it is there (on real hardware exit_emulator halts).
    if (g_panics > 2 || command_line::find("test", nullptr, 0) ||
        command_line::find("test-exit", nullptr, 0))
        arch::exit_emulator(arch::EmulatorExit::Failure); // the test runner reads the status
    console::print("The CPU is halted.\n");
    arch::halt_forever();
}

// Prints the first line, "PANIC: reason". Returns false (after a short line, for the second
// panic) when a panic is already being reported: then the caller must stop at once.
bool begin_report(const char* format, va_list arguments) {
    arch::disable_interrupts();
    console::take_over_for_panic();
    ++g_panics;
    if (g_panics > 2)
        return false; // even the short line failed: print nothing more
    console::print("\n\x1b[1;31mPANIC:\x1b[0m ");
    if (g_panics == 2)
        console::print("nested panic while reporting the first one: ");
    console::vprint(format, arguments);
    console::put('\n');
    return g_panics == 1;
}

[[noreturn]] void finish_report(const debug::Backtrace& backtrace) {
    console::print("backtrace, most recent call first:\n");
    debug::print_backtrace(backtrace);
    for (size_t i = 0; i < g_reporter_count; ++i)
        g_reporters[i]();
    stop();
}

} // namespace

void panic(const char* format, ...) {
    // First of all, before anything changes them (interrupts go off in begin_report).
    arch::RegisterSnapshot registers;
    arch::capture_registers(&registers);
    // Show eip, esp and ebp as they were at the call to panic(), not inside it.
    auto* frame = static_cast<const uintptr_t*>(__builtin_frame_address(0));
    registers.ebp = frame[0];
    registers.eip = frame[1];
    registers.esp = reinterpret_cast<uintptr_t>(frame + 2);

    va_list arguments;
    va_start(arguments, format);
    bool first = begin_report(format, arguments);
    va_end(arguments);
    if (!first)
        stop();
    console::print("registers at the call to panic() (eax, ecx, edx are scratch there):\n");
    debug::print_registers(registers);
    finish_report(
        debug::walk_backtrace(registers.eip, debug::FirstAddress::ReturnAddress, registers.ebp));
}

void panic_with_frame(const arch::InterruptFrame& frame, const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    bool first = begin_report(format, arguments);
    va_end(arguments);
    if (!first)
        stop();
    console::print("registers of the interrupted code:\n");
    debug::print_registers(frame);
    if (frame.from_user_mode()) {
        // User frame pointers lead into user memory: the report ends with the user eip.
        console::print("(interrupted in user mode: no kernel backtrace)\n");
        stop();
    }
    finish_report(debug::walk_backtrace(frame.eip, debug::FirstAddress::Exact, frame.ebp));
}

namespace debug {

bool add_panic_reporter(PanicReporter reporter) {
    if (g_reporter_count == MAXIMUM_PANIC_REPORTERS)
        return false;
    g_reporters[g_reporter_count++] = reporter;
    return true;
}

} // namespace debug
