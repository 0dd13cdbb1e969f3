// CPU exceptions: what happens when code faults. Every exception without a registered handler
// is reported on the console by name (vector, decoded error code, every register, the faulting
// function) and then handle_fault() decides what ends: in kernel mode the kernel (a panic), in
// user mode the faulting program (its process reports it, through the handler registered here).
#pragma once

#include "arch/interrupt_frame.h"

namespace arch {

// "page fault", "general protection fault", ... for vectors 0-31; "interrupt" for others.
const char* exception_name(uint32_t vector);

// Reports the exception in `frame` and ends the code that raised it. The one place that decides.
void handle_fault(InterruptFrame& frame);

// Called by handle_fault() for a fault from ring 3 instead of the kernel's report. It reports
// the fault its own way and decides that the faulting process ends; the thread then never returns
// to the faulting code, because the return-to-user handler (arch/interrupts.h) ends it on the
// way out. Without a handler, user faults are reported and panic like kernel faults.
using UserFaultHandler = void (*)(InterruptFrame& frame);
void set_user_fault_handler(UserFaultHandler handler);

// A page fault of the kernel that the memory code can explain gets a name in the report instead
// of the bare "page fault": a write to a read-only part of the kernel image, for example. Given
// the faulting address and the kind of access, a diagnosis returns that name, or nullptr when it
// has none. (SMEP and SMAP violations are named here, in arch: they are the CPU's own checks.)
enum class PageFaultAccess { Read, Write, InstructionFetch };
using KernelPageFaultDiagnosis = const char* (*)(uint32_t address, PageFaultAccess access);
void set_kernel_page_fault_diagnosis(KernelPageFaultDiagnosis diagnosis);

// A double fault usually means the CPU could not push an exception frame: the stack pointer
// was unusable, typically a kernel stack that ran into its unmapped guard page. Given the
// faulting esp, a diagnosis returns a description such as "kernel stack overflow in thread
// 'worker'" (it may use a static buffer), or nullptr when it has none.
using DoubleFaultDiagnosis = const char* (*)(uint32_t faulting_esp);
void set_double_fault_diagnosis(DoubleFaultDiagnosis diagnosis);

// Deliberate faults, for the kernel tests and demonstrations of the exception path.
// Loads ds with a selector beyond the end of the GDT.
[[noreturn]] void cause_general_protection_fault();
// Pushes onto `stack_pointer`: if that is unmapped, the page fault cannot be delivered either.
[[noreturn]] void cause_fault_with_stack_pointer(uint32_t stack_pointer);
// Raises `vector` as the `int` instruction does (software interrupt; no PIC involved).
template <uint8_t vector>
inline void raise_interrupt() {
    asm volatile("int %0" : : "i"(vector) : "memory");
}

} // namespace arch
