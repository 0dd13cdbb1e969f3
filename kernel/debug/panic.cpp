// See panic.h.
#include "kernel/debug/panic.h"
#include "arch/cpu.h"
#include "arch/emulator.h"
#include "kernel/console/console.h"

void panic(const char* format, ...) {
    arch::disable_interrupts();
    console::print("\n\x1b[1;31mPANIC:\x1b[0m ");
    va_list arguments;
    va_start(arguments, format);
    console::vprint(format, arguments);
    va_end(arguments);
    console::print("\n");
    // Under QEMU the test runner sees a failure status; on real hardware the CPU halts.
    arch::exit_emulator(arch::EmulatorExit::Failure);
}
