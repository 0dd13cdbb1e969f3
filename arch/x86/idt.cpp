// Builds and loads the interrupt descriptor table (see arch/idt.h). Gate format: Intel SDM
// vol. 3, 6.11. Every gate is an interrupt gate, which clears IF on entry: handlers start with
// interrupts off, and one that may run long (a system call) turns them back on itself.
#include "arch/idt.h"
#include "arch/gdt.h"

// One entry stub per vector, in interrupt_entry.asm.
extern "C" const uint32_t interrupt_stub_table[256];

namespace arch {
namespace {

struct GateDescriptor {
    uint16_t offset_low;
    uint16_t selector; // code segment for interrupt gates, TSS for task gates
    uint8_t reserved;
    uint8_t attributes; // present, privilege level needed to use `int`, gate type
    uint16_t offset_high;
} __attribute__((packed));
static_assert(sizeof(GateDescriptor) == 8);

constexpr uint8_t PRESENT = 0x80;
constexpr uint8_t USABLE_FROM_RING_0 = 0x00;
constexpr uint8_t USABLE_FROM_RING_3 = 0x60;
constexpr uint8_t TASK_GATE = 0x05;
constexpr uint8_t INTERRUPT_GATE_32_BIT = 0x0E;

GateDescriptor g_idt[256];

GateDescriptor interrupt_gate(uint32_t handler, uint8_t privilege) {
    return GateDescriptor{static_cast<uint16_t>(handler & 0xFFFF), KERNEL_CODE_SELECTOR, 0,
                          static_cast<uint8_t>(PRESENT | privilege | INTERRUPT_GATE_32_BIT),
                          static_cast<uint16_t>(handler >> 16)};
}

// A task gate carries no offset: the CPU switches to the task and resumes it at its saved eip.
GateDescriptor task_gate(uint16_t tss_selector) {
    return GateDescriptor{0, tss_selector, 0, PRESENT | USABLE_FROM_RING_0 | TASK_GATE, 0};
}

struct [[gnu::packed]] TablePointer {
    uint16_t limit;
    uint32_t base;
};

} // namespace

void initialize_idt() {
    for (int vector = 0; vector < 256; ++vector)
        g_idt[vector] = interrupt_gate(interrupt_stub_table[vector], USABLE_FROM_RING_0);
    // A double fault often means the stack is unusable (a kernel stack overflow); only a task
    // switch brings a fresh stack with it, so vector 8 enters the double-fault task.
    g_idt[DOUBLE_FAULT_VECTOR] = task_gate(DOUBLE_FAULT_TSS_SELECTOR);
    g_idt[SYSTEM_CALL_VECTOR] =
        interrupt_gate(interrupt_stub_table[SYSTEM_CALL_VECTOR], USABLE_FROM_RING_3);
    // int3, the breakpoint a debugger plants: from user mode it must raise the breakpoint
    // exception (SIGTRAP), not a general protection fault for using a closed gate.
    g_idt[BREAKPOINT_VECTOR] =
        interrupt_gate(interrupt_stub_table[BREAKPOINT_VECTOR], USABLE_FROM_RING_3);

    TablePointer pointer{sizeof g_idt - 1, reinterpret_cast<uint32_t>(g_idt)};
    asm volatile("lidt %0" : : "m"(pointer));
}

} // namespace arch
