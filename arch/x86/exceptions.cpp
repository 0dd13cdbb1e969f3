// The report of a CPU exception and the decision of what it ends (see arch/exceptions.h).
// Names and error-code formats: Intel SDM vol. 3, chapter 6 (table 6-1 and section 6.15).
#include "arch/exceptions.h"
#include "arch/cpu.h"
#include "arch/gdt.h"
#include "arch/supervisor_protection.h"
#include "arch/x86/exception_report.h"
#include "kernel/console/console.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/layout.h"
#include "libk/format.h"

namespace arch {
namespace {

constexpr const char* EXCEPTION_NAMES[32] = {
    "divide error",
    "debug exception",
    "non-maskable interrupt",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack-segment fault",
    "general protection fault",
    "page fault",
    "reserved exception 15",
    "x87 floating-point error",
    "alignment check",
    "machine check",
    "SIMD floating-point exception",
    "virtualization exception",
    "control protection exception",
    "reserved exception 22",
    "reserved exception 23",
    "reserved exception 24",
    "reserved exception 25",
    "reserved exception 26",
    "reserved exception 27",
    "hypervisor injection exception",
    "VMM communication exception",
    "security exception",
    "reserved exception 31",
};

constexpr uint32_t PAGE_FAULT_VECTOR = 14;
constexpr uint32_t PAGE_SIZE = 4096;

// Page-fault error code bits (SDM 4.7).
constexpr uint32_t PAGE_FAULT_PRESENT = 1u << 0;
constexpr uint32_t PAGE_FAULT_WRITE = 1u << 1;
constexpr uint32_t PAGE_FAULT_USER = 1u << 2;
constexpr uint32_t PAGE_FAULT_RESERVED_BIT = 1u << 3;
constexpr uint32_t PAGE_FAULT_INSTRUCTION_FETCH = 1u << 4;

// Selector error-code bits (SDM 6.13), for invalid TSS, segment not present, stack-segment and
// general protection faults.
constexpr uint32_t SELECTOR_EXTERNAL_EVENT = 1u << 0;
constexpr uint32_t SELECTOR_IN_IDT = 1u << 1;
constexpr uint32_t SELECTOR_IN_LDT = 1u << 2;

UserFaultHandler g_user_fault_handler = nullptr;
KernelPageFaultDiagnosis g_kernel_page_fault_diagnosis = nullptr;

// The same list as CPU_PUSHES_ERROR_CODE in interrupt_entry.asm; for every other vector the
// stub pushed a 0 that means nothing.
bool has_error_code(uint32_t vector) {
    return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 ||
           vector == 29 || vector == 30;
}

bool has_selector_error_code(uint32_t vector) {
    return vector >= 10 && vector <= 13;
}

bool is_null_pointer_dereference(const InterruptFrame& frame) {
    return frame.vector == PAGE_FAULT_VECTOR && read_cr2() < PAGE_SIZE;
}

PageFaultAccess page_fault_access_kind(uint32_t error_code) {
    if (error_code & PAGE_FAULT_INSTRUCTION_FETCH)
        return PageFaultAccess::InstructionFetch;
    return (error_code & PAGE_FAULT_WRITE) ? PageFaultAccess::Write : PageFaultAccess::Read;
}

// SDM 4.6: a kernel access to a present user page faults when CR4.SMEP is on and it is an
// instruction fetch, or when CR4.SMAP is on, EFLAGS.AC is clear (the window is shut) and it is
// a read or write. Without PAE there is no execute-disable bit, so a kernel fetch that finds
// the page present can only have failed for SMEP. A read or write with AC set can still fault
// (a write to a read-only user page): that is an ordinary protection violation.
const char* supervisor_protection_violation(const InterruptFrame& frame) {
    uint32_t code = frame.error_code;
    if (frame.vector != PAGE_FAULT_VECTOR || frame.from_user_mode() ||
        !(code & PAGE_FAULT_PRESENT) || read_cr2() >= memory::USER_END)
        return nullptr;
    SupervisorProtection active = active_supervisor_protection();
    if (code & PAGE_FAULT_INSTRUCTION_FETCH)
        return active.smep ? "kernel tried to execute a user page (SMEP)" : nullptr;
    if (active.smap && !(frame.eflags & FLAGS_ALIGNMENT_CHECK))
        return "kernel touched user memory outside a user copy (SMAP)";
    return nullptr;
}

// A name the memory code gives a kernel write to read-only memory, for instance.
const char* diagnosed_kernel_page_fault(const InterruptFrame& frame) {
    if (frame.vector != PAGE_FAULT_VECTOR || frame.from_user_mode() ||
        !(frame.error_code & PAGE_FAULT_PRESENT) || g_kernel_page_fault_diagnosis == nullptr)
        return nullptr;
    return g_kernel_page_fault_diagnosis(read_cr2(), page_fault_access_kind(frame.error_code));
}

// The report's headline: the exception's name, or a more precise one when the fault is known.
const char* title_of(const InterruptFrame& frame) {
    if (is_null_pointer_dereference(frame))
        return "null pointer dereference";
    if (const char* violation = supervisor_protection_violation(frame))
        return violation;
    if (const char* diagnosis = diagnosed_kernel_page_fault(frame))
        return diagnosis;
    return exception_name(frame.vector);
}

const char* page_fault_access(uint32_t error_code) {
    switch (page_fault_access_kind(error_code)) {
    case PageFaultAccess::InstructionFetch:
        return "instruction fetch";
    case PageFaultAccess::Write:
        return "write";
    case PageFaultAccess::Read:
        return "read";
    }
    return "?";
}

// "write at address 0xe0000000 (page not present)", "GDT entry 512", or "" when the
// exception carries nothing more to say.
void format_detail(char* buffer, size_t size, const InterruptFrame& frame) {
    uint32_t code = frame.error_code;
    buffer[0] = '\0';
    if (frame.vector == PAGE_FAULT_VECTOR) {
        libk::format_buffer(
            buffer, size, "%s at address %#010x (%s%s)", page_fault_access(code), read_cr2(),
            (code & PAGE_FAULT_PRESENT) ? "protection violation" : "page not present",
            (code & PAGE_FAULT_RESERVED_BIT) ? ", reserved bit set" : "");
    } else if (has_selector_error_code(frame.vector) && code != 0) {
        const char* table = (code & SELECTOR_IN_IDT)   ? "IDT"
                            : (code & SELECTOR_IN_LDT) ? "LDT"
                                                       : "GDT";
        libk::format_buffer(buffer, size, "%s entry %u%s", table, (code & 0xFFFF) >> 3,
                            (code & SELECTOR_EXTERNAL_EVENT) ? " (during an external event)" : "");
    }
}

void print_error_code(const InterruptFrame& frame, const char* detail) {
    uint32_t code = frame.error_code;
    if (frame.vector == PAGE_FAULT_VECTOR) {
        console::print("  %-11s %08x  %s, %s, %s mode%s\n", "error code", code,
                       (code & PAGE_FAULT_PRESENT) ? "protection violation" : "page not present",
                       page_fault_access(code), (code & PAGE_FAULT_USER) ? "user" : "kernel",
                       (code & PAGE_FAULT_RESERVED_BIT) ? ", reserved bit set" : "");
        console::print("  %-11s %08x  (cr2)\n", "address", read_cr2());
    } else if (has_selector_error_code(frame.vector)) {
        console::print("  %-11s %08x  %s\n", "error code", code,
                       code == 0 ? "no selector involved" : detail);
    } else if (has_error_code(frame.vector)) {
        console::print("  %-11s %08x\n", "error code", code);
    }
}

void print_report(const InterruptFrame& frame, const char* detail) {
    const char* title = title_of(frame);
    console::print("\n\x1b[1;31m%s\x1b[0m", title);
    if (title != exception_name(frame.vector))
        console::print(" (%s, vector %u)", exception_name(frame.vector), frame.vector);
    else
        console::print(" (vector %u)", frame.vector);
    console::print(" in %s mode\n", frame.from_user_mode() ? "user" : "kernel");
    print_error_code(frame, detail);
    print_function(frame.eip);
    print_registers(snapshot_of(frame));
    console::print("\n");
}

} // namespace

const char* exception_name(uint32_t vector) {
    return vector < 32 ? EXCEPTION_NAMES[vector] : "interrupt";
}

void set_user_fault_handler(UserFaultHandler handler) {
    g_user_fault_handler = handler;
}

void set_kernel_page_fault_diagnosis(KernelPageFaultDiagnosis diagnosis) {
    g_kernel_page_fault_diagnosis = diagnosis;
}

void handle_fault(InterruptFrame& frame) {
    // A fault of a user program is the program's problem: its process reports it in one line
    // and ends. The full report below is for faults of the kernel.
    if (frame.from_user_mode() && g_user_fault_handler != nullptr) {
        g_user_fault_handler(frame);
        return;
    }
    char detail[96];
    format_detail(detail, sizeof detail, frame);
    print_report(frame, detail);

    char symbol[96];
    format_symbol(symbol, sizeof symbol, frame.eip);
    char description[256];
    libk::format_buffer(description, sizeof description, "%s%s%s in %s mode at eip %08x (%s)",
                        title_of(frame), detail[0] ? ": " : "", detail,
                        frame.from_user_mode() ? "user" : "kernel", frame.eip, symbol);

    panic_with_frame(frame, "%s", description);
}

void cause_general_protection_fault() {
    // Selector 0x1000 names GDT entry 512, far past the end of the 8-entry table.
    asm volatile("movw %w0, %%ds" : : "r"(0x1000u) : "memory");
    panic("loading an invalid selector into ds did not fault");
}

void cause_fault_with_stack_pointer(uint32_t stack_pointer) {
    // esp is put back afterwards, so that if the push does succeed the panic below can run.
    uint32_t saved_stack_pointer;
    asm volatile("movl %%esp, %0\n"
                 "movl %1, %%esp\n"
                 "pushl $0\n"
                 "movl %0, %%esp\n"
                 : "=&r"(saved_stack_pointer)
                 : "r"(stack_pointer)
                 : "memory");
    panic("pushing onto %#x did not fault", stack_pointer);
}

} // namespace arch
