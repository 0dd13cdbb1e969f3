// The 32-bit task state segment (Intel SDM vol. 3, 8.2.1). The kernel uses one TSS for what the
// CPU needs on every switch from ring 3 to ring 0 (the kernel stack to switch to: ss0:esp0), and
// a second one as the task a double fault switches to, so the fault gets a fresh, known-good stack.
#pragma once

#include <stdint.h>

namespace arch {

// Selector fields are 16 bits wide in hardware; the upper half of each 32-bit slot is reserved.
struct TaskStateSegment {
    uint32_t previous_task; // selector of the task that switched here (set by the CPU)
    uint32_t esp0, ss0;     // stack for entering ring 0 from an outer ring
    uint32_t esp1, ss1;
    uint32_t esp2, ss2;
    uint32_t cr3;
    // Saved by the CPU when a task switch leaves this task, loaded when one enters it.
    uint32_t eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs;
    uint32_t ldt;
    uint16_t trap;
    uint16_t io_map_base; // offset of the I/O permission bitmap; beyond the limit means none
} __attribute__((packed));
static_assert(sizeof(TaskStateSegment) == 104);

// Fills both segments; initialize_gdt() calls it before it points descriptors at them.
void initialize_task_state_segments();

// The kernel TSS (its descriptor is in the GDT, its selector in the task register).
TaskStateSegment& kernel_tss();
// The task a double fault switches to (see double_fault.cpp).
TaskStateSegment& double_fault_tss();

// The stack the CPU switches to when an interrupt or system call arrives in ring 3. The
// scheduler sets it to the top of the next thread's kernel stack before switching to it.
void set_kernel_stack(uint32_t esp0);
uint32_t kernel_stack();

// The double-fault task loads CR3 from its TSS. It starts with the boot page directory; the
// memory subsystem calls this when it installs the kernel's own directory, so the fault handler
// sees the same kernel mappings as everyone else.
void set_double_fault_page_directory(uint32_t physical_address);

} // namespace arch
