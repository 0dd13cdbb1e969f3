// A snapshot of the CPU's registers taken on demand (panic() prints one). The layout is fixed by
// arch/x86/capture_registers.asm, which fills it by offset; change one, change the other.
#pragma once

#include <stdint.h>

namespace arch {

struct RegisterSnapshot {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp; // offsets 0 to 28
    uint32_t eip, eflags;                            // 32, 36
    uint32_t cs, ds, es, fs, gs, ss;                 // 40 to 60
    uint32_t cr0, cr2, cr3, cr4;                     // 64 to 76
};
static_assert(sizeof(RegisterSnapshot) == 80, "capture_registers.asm writes 80 bytes");

// Fills `snapshot` with the registers as they are at the call: eip is the return address (where
// the caller resumes), esp the caller's stack pointer after the call returns, ebp the caller's
// frame pointer. eax, ecx and edx are scratch registers in the C calling convention, so their
// values are whatever the caller last left in them.
extern "C" void capture_registers(RegisterSnapshot* snapshot);

} // namespace arch
