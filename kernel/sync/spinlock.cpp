// See spinlock.h.
#include "kernel/sync/spinlock.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/sched/scheduler.h"

namespace {

// The number of the CPU running this code; always 0 until the kernel starts other CPUs.
int32_t this_cpu() {
    return 0;
}

uint32_t g_spinlocks_held; // per CPU (one CPU for now)

} // namespace

uint32_t spinlocks_held_by_this_cpu() {
    return g_spinlocks_held;
}

bool Spinlock::is_held_by_this_cpu() const {
    return is_locked() && m_holder_cpu == this_cpu();
}

void Spinlock::lock() {
    bool were_enabled = arch::interrupts_enabled();
    arch::disable_interrupts();
    if (is_held_by_this_cpu())
        panic("spinlock \"%s\" taken again by the CPU that holds it (this would spin forever)",
              m_name);
    // Spin on a plain read and only try the exchange when the lock looks free, so waiting CPUs
    // do not keep stealing the cache line from the holder.
    while (__atomic_exchange_n(&m_locked, 1u, __ATOMIC_ACQUIRE) != 0) {
        while (is_locked())
            arch::pause();
    }
    m_holder_cpu = this_cpu();
    m_interrupts_were_enabled = were_enabled;
    ++g_spinlocks_held;
}

void Spinlock::unlock() {
    if (!is_held_by_this_cpu())
        panic("spinlock \"%s\" released by a CPU that does not hold it", m_name);
    bool restore = m_interrupts_were_enabled;
    m_holder_cpu = -1;
    --g_spinlocks_held;
    __atomic_store_n(&m_locked, 0u, __ATOMIC_RELEASE);
    if (restore) {
        // Like leaving an InterruptGuard: a pending preemption happens before interrupts return.
        scheduler::preempt_if_requested();
        arch::enable_interrupts();
    }
}
