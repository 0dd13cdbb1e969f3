// The two task state segments (see arch/tss.h). The kernel never switches tasks in hardware:
// threads switch in software (switch_context). The CPU still reads the kernel TSS for ss0:esp0
// on every entry from ring 3, and the double-fault TSS is a complete task that only a double
// fault ever enters, through the task gate at vector 8 (see idt.cpp and double_fault.cpp).
#include "arch/tss.h"
#include "arch/cpu.h"
#include "arch/gdt.h"

// The first instruction of the double-fault task (interrupt_entry.asm).
extern "C" void double_fault_task_entry();

namespace arch {
namespace {

TaskStateSegment g_kernel_tss;
TaskStateSegment g_double_fault_tss;

// Its own stack, so the handler can run even when the faulting code's stack is unusable.
constexpr uint32_t DOUBLE_FAULT_STACK_BYTES = 8192;
alignas(16) uint8_t g_double_fault_stack[DOUBLE_FAULT_STACK_BYTES];

// Bit 1 of eflags is reserved and always set; interrupts stay off in the double-fault task.
constexpr uint32_t FLAGS_RESERVED_ONE = 1u << 1;

void initialize_kernel_tss() {
    g_kernel_tss = TaskStateSegment{};
    g_kernel_tss.ss0 = KERNEL_DATA_SELECTOR;
    // esp0 stays 0 until the scheduler sets a thread's kernel stack: nothing runs in ring 3
    // before that.
    g_kernel_tss.io_map_base = sizeof(TaskStateSegment); // no bitmap: ring 3 may use no port
}

void initialize_double_fault_tss() {
    TaskStateSegment& tss = g_double_fault_tss;
    tss = TaskStateSegment{};
    uint32_t stack_top =
        reinterpret_cast<uint32_t>(g_double_fault_stack + sizeof g_double_fault_stack);
    tss.esp = stack_top;
    tss.esp0 = stack_top;
    tss.ss0 = KERNEL_DATA_SELECTOR;
    tss.eip = reinterpret_cast<uint32_t>(double_fault_task_entry);
    tss.eflags = FLAGS_RESERVED_ONE;
    tss.cs = KERNEL_CODE_SELECTOR;
    tss.ss = tss.ds = tss.es = tss.fs = tss.gs = KERNEL_DATA_SELECTOR;
    tss.ebp = 0; // ends the backtrace of the double-fault task
    tss.cr3 = read_cr3();
    tss.io_map_base = sizeof(TaskStateSegment);
}

} // namespace

void initialize_task_state_segments() {
    initialize_kernel_tss();
    initialize_double_fault_tss();
}

TaskStateSegment& kernel_tss() {
    return g_kernel_tss;
}

TaskStateSegment& double_fault_tss() {
    return g_double_fault_tss;
}

void set_kernel_stack(uint32_t esp0) {
    g_kernel_tss.esp0 = esp0;
}

uint32_t kernel_stack() {
    return g_kernel_tss.esp0;
}

void set_double_fault_page_directory(uint32_t physical_address) {
    g_double_fault_tss.cr3 = physical_address;
}

} // namespace arch
