// See panic.h.
#include "kernel/debug/panic.h"
#include "arch/cpu.h"
#include "arch/emulator.h"
#include "arch/interrupt_frame.h"
#include "kernel/console/console.h"

namespace {

[[noreturn]] void stop() {
    // Under QEMU the test runner sees a failure status; on real hardware the CPU halts.
    arch::exit_emulator(arch::EmulatorExit::Failure);
}

} // namespace

void panic_with_frame(const arch::InterruptFrame& frame, const char* format, ...) {
    arch::disable_interrupts();
    console::print("\n\x1b[1;31mPANIC:\x1b[0m ");
    va_list arguments;
    va_start(arguments, format);
    console::vprint(format, arguments);
    va_end(arguments);
    console::print("\n  eip=%08x  esp=%08x  ebp=%08x\n", frame.eip, frame.interrupted_esp(),
                   frame.ebp);
    stop();
}

void panic(const char* format, ...) {
    arch::disable_interrupts();
    console::print("\n\x1b[1;31mPANIC:\x1b[0m ");
    va_list arguments;
    va_start(arguments, format);
    console::vprint(format, arguments);
    va_end(arguments);
    console::print("\n");
    stop();
}
