// InterruptsOff: keeps interrupts disabled for its lifetime and then restores the state it found.
// The memory allocators use it so an interrupt handler, or a thread that preempts the current
// one, never sees their lists half-changed. (Single CPU; SMP will need a spinlock as well.)
#pragma once

#include "arch/cpu.h"

namespace memory {

class [[nodiscard]] InterruptsOff {
public:
    InterruptsOff() : m_were_enabled(arch::interrupts_enabled()) { arch::disable_interrupts(); }
    ~InterruptsOff() {
        if (m_were_enabled)
            arch::enable_interrupts();
    }
    InterruptsOff(const InterruptsOff&) = delete;
    InterruptsOff& operator=(const InterruptsOff&) = delete;

private:
    bool m_were_enabled;
};

} // namespace memory
