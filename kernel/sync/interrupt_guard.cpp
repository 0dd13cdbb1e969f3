// See interrupt_guard.h.
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sched/scheduler.h"

InterruptGuard::~InterruptGuard() {
    if (!m_were_enabled)
        return; // an inner guard: the outer one restores and checks
    // Still with interrupts off: switching here is safe, and a wake-up of a more urgent thread
    // inside the critical section takes effect now rather than at the next timer tick.
    scheduler::preempt_if_requested();
    arch::enable_interrupts();
}
