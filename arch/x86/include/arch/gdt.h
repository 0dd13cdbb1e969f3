// The global descriptor table: the flat code and data segments for ring 0 and ring 3, the two
// task state segments (the running kernel's, and the one a double fault switches to), and the
// user thread-pointer segment that %gs selects in user mode (libk/abi/program_start.h).
// Selectors are byte offsets into the table; user selectors carry requested privilege level 3.
#pragma once

#include <stdint.h>

namespace arch {

constexpr uint16_t KERNEL_CODE_SELECTOR = 0x08;
constexpr uint16_t KERNEL_DATA_SELECTOR = 0x10;
constexpr uint16_t USER_CODE_SELECTOR = 0x18 | 3;
constexpr uint16_t USER_DATA_SELECTOR = 0x20 | 3;
constexpr uint16_t KERNEL_TSS_SELECTOR = 0x28;
constexpr uint16_t DOUBLE_FAULT_TSS_SELECTOR = 0x30;
// A ring-3 data segment whose base is the running user thread's thread pointer. There is one
// entry for all threads: the scheduler rewrites its base whenever a user thread is switched in,
// and the thread's next return to user mode reloads %gs, which is when the CPU reads the base.
// arch/x86/user_mode.asm holds the same value.
constexpr uint16_t USER_THREAD_POINTER_SELECTOR = 0x38 | 3;

// Loads the table with lgdt, reloads every segment register with the kernel selectors, and
// loads the task register with the kernel TSS. Interrupts must be off.
void initialize_gdt();

// Gives the thread-pointer segment the base `address` (limit: the whole address space). Takes
// effect at the next load of a selector of it (every return to user mode loads %gs).
void set_thread_pointer_base(uint32_t address);

} // namespace arch
