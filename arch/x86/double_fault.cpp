// The double-fault handler. It runs as its own hardware task (tss.cpp, idt.cpp), entered from
// interrupt_entry.asm on a fresh stack, because the usual cause is a stack the CPU could no
// longer push onto. The faulting code's registers are not on any stack: the task switch saved
// them in the TSS it left, which the CPU names in this task's back link.
#include "arch/cpu.h"
#include "arch/exceptions.h"
#include "arch/gdt.h"
#include "arch/tss.h"
#include "arch/x86/exception_report.h"
#include "kernel/console/console.h"
#include "kernel/debug/panic.h"
#include "libk/format.h"
#include "libk/string.h"

namespace arch {
namespace {

DoubleFaultDiagnosis g_diagnosis = nullptr;

} // namespace

void set_double_fault_diagnosis(DoubleFaultDiagnosis diagnosis) {
    g_diagnosis = diagnosis;
}

} // namespace arch

// Called from double_fault_task_entry with interrupts off. The SDM calls the saved eip of a
// double fault undefined; in practice (QEMU and real CPUs) it is the instruction that faulted.
extern "C" [[noreturn]] void handle_double_fault() {
    using namespace arch;
    uint32_t previous_task = double_fault_tss().previous_task & 0xFFFF;
    if (previous_task != KERNEL_TSS_SELECTOR)
        panic("double fault in an unknown task (TSS selector %#x)", previous_task);
    RegisterSnapshot registers = snapshot_of(kernel_tss());
    uint32_t failed_access = read_cr2();

    char description[160];
    const char* diagnosis = g_diagnosis ? g_diagnosis(registers.esp) : nullptr;
    if (diagnosis)
        libk::copy_string(description, diagnosis, sizeof description);
    else
        libk::format_buffer(description, sizeof description,
                            "the CPU could not deliver an exception (esp %08x, cr2 %08x)",
                            registers.esp, failed_access);

    console::print("\n\x1b[1;31mdouble fault\x1b[0m (vector 8), handled on its own stack\n");
    console::print("  %s\n", description);
    console::print("  registers of the faulting code, as the task switch saved them:\n");
    print_function(registers.eip);
    print_registers(registers);
    console::print("\n");

    char symbol[96];
    format_symbol(symbol, sizeof symbol, registers.eip);
    panic("double fault: %s at eip %08x (%s)", description, registers.eip, symbol);
}
