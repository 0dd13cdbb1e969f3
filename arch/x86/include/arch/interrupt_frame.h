// The registers saved on the kernel stack when an interrupt, exception or system call enters
// the kernel. The layout is fixed by arch/x86/interrupt_entry.asm, which builds it; change one,
// change the other. Fields are in increasing address order (the last pushed comes first).
#pragma once

#include <stdint.h>

namespace arch {

struct InterruptFrame {
    // Pushed last by the common entry stub.
    uint32_t gs, fs, es, ds;
    // pusha order: edi is at the lowest address. esp_at_entry is esp before pusha (ignored by
    // popa); the interrupted code's stack is only meaningful for ring-0 interrupts.
    uint32_t edi, esi, ebp, esp_at_entry, ebx, edx, ecx, eax;
    // Pushed by the per-vector stub (error_code is 0 for vectors where the CPU pushes none).
    uint32_t vector;
    uint32_t error_code;
    // Pushed by the CPU.
    uint32_t eip, cs, eflags;
    // Pushed by the CPU only when the interrupt came from ring 3.
    uint32_t user_esp, user_ss;

    bool from_user_mode() const { return (cs & 3) == 3; }
    // The interrupted code's stack pointer: for ring 0 the CPU pushed nothing after eflags, so
    // the stack continued right where user_esp would be.
    uint32_t interrupted_esp() const {
        return from_user_mode() ? user_esp : reinterpret_cast<uintptr_t>(&user_esp);
    }
};

} // namespace arch
