// InterruptGuard: a critical section on this CPU. It disables interrupts for its lifetime and
// then restores the state it found, so guards nest and code called with interrupts already off
// leaves them off:
//
//     {
//         InterruptGuard guard;     // no timer interrupt, hence no preemption, from here...
//         ...touch the ready set, a wait queue, a mutex's owner...
//     }                             // ...to here
//
// Leaving the outermost guard (the one that turns interrupts back on) is also a preemption point:
// if a more urgent thread became ready inside, the scheduler switches to it right there.
#pragma once

#include "arch/cpu.h"

class [[nodiscard]] InterruptGuard {
public:
    InterruptGuard() : m_were_enabled(arch::interrupts_enabled()) { arch::disable_interrupts(); }
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

    bool were_enabled() const { return m_were_enabled; }

private:
    bool m_were_enabled;
};
