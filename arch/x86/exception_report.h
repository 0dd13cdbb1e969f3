// The register dump shared by the exception report (exceptions.cpp) and the double-fault report
// (double_fault.cpp), which read the registers from different places: an interrupt frame on the
// stack, or the TSS the CPU saved the faulting task in.
#pragma once

#include "arch/interrupt_frame.h"
#include "arch/tss.h"
#include <stddef.h>

namespace arch {

struct RegisterSnapshot {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp;
    uint32_t eip, eflags;
    uint32_t cs, ds, es, fs, gs, ss;
};

RegisterSnapshot snapshot_of(const InterruptFrame& frame);
RegisterSnapshot snapshot_of(const TaskStateSegment& saved_task);

// "  function    name+0x12": where `address` lies, from the kernel's symbol table.
void print_function(uint32_t address);

// The general, segment and control registers, four to a line in aligned columns.
void print_registers(const RegisterSnapshot& registers);

// Writes "function+0x12" (or "??" when the address is in no known function) into `buffer`.
void format_symbol(char* buffer, size_t size, uint32_t address);

} // namespace arch
