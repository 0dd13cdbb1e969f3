// The global descriptor table: the flat code and data segments for ring 0 and ring 3, and the two
// task state segments (the running kernel's, and the one a double fault switches to).
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

// Loads the table with lgdt, reloads every segment register with the kernel selectors, and
// loads the task register with the kernel TSS. Interrupts must be off.
void initialize_gdt();

} // namespace arch
