// The interrupt descriptor table: which code the CPU runs for each of the 256 vectors.
//   0-31   CPU exceptions (8, double fault, is a task gate to its own TSS)
//   32-47  the 16 IRQs of the two 8259 PICs, remapped there by pic.cpp
//   0x80   system calls, the one gate ring 3 may use with `int` (besides int3, the breakpoint)
// Every other vector has a stub too, so a stray interrupt is reported instead of faulting.
#pragma once

#include <stdint.h>

namespace arch {

constexpr uint8_t EXCEPTION_COUNT = 32;
constexpr uint8_t BREAKPOINT_VECTOR = 3; // int3: open to ring 3, like 0x80
constexpr uint8_t DOUBLE_FAULT_VECTOR = 8;
constexpr uint8_t IRQ_BASE_VECTOR = 32;
constexpr uint8_t IRQ_COUNT = 16;
constexpr uint8_t SYSTEM_CALL_VECTOR = 0x80;

// Fills the table from the stubs in interrupt_entry.asm and loads it with lidt.
// Needs the GDT (the gates name its code selector and the double-fault TSS).
void initialize_idt();

} // namespace arch
