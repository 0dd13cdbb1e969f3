// Kernel tests of critical sections: Spinlock and InterruptGuard restore the interrupt state they
// found, a spinlock's holder taking it again or blocking is a panic, and a more urgent thread woken
// inside a critical section gets the CPU exactly when the section ends.
#include "arch/cpu.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/semaphore.h"
#include "kernel/sync/spinlock.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

KERNEL_TEST(spinlock_and_interrupt_guard_restore_the_interrupt_state) {
    EXPECT(arch::interrupts_enabled());
    Spinlock outer("outer"), inner("inner");
    {
        SpinlockLocker outer_locker(outer);
        EXPECT(!arch::interrupts_enabled());
        EXPECT(outer.is_held_by_this_cpu());
        EXPECT_EQ(spinlocks_held_by_this_cpu(), 1);
        {
            SpinlockLocker inner_locker(inner);
            EXPECT_EQ(spinlocks_held_by_this_cpu(), 2);
        }
        EXPECT(!arch::interrupts_enabled()); // the inner lock found them off
        {
            InterruptGuard guard;
            EXPECT(!guard.were_enabled());
        }
        EXPECT(!arch::interrupts_enabled());
    }
    EXPECT(arch::interrupts_enabled());
    EXPECT(!outer.is_locked());
    EXPECT_EQ(spinlocks_held_by_this_cpu(), 0);
    {
        InterruptGuard guard;
        EXPECT(guard.were_enabled());
        EXPECT(!arch::interrupts_enabled());
    }
    EXPECT(arch::interrupts_enabled());
}

KERNEL_TEST_EXPECTING_PANIC(spinlock_taken_twice_by_its_holder_panics,
                            "taken again by the CPU that holds it") {
    Spinlock lock("twice");
    lock.lock();
    lock.lock();
}

KERNEL_TEST_EXPECTING_PANIC(blocking_while_holding_a_spinlock_panics, "spinlocks_held") {
    Spinlock lock("held");
    Semaphore empty(0);
    SpinlockLocker locker(lock);
    empty.wait();
}

namespace {

struct Wakeup {
    Semaphore signal{0, "wake-up"};
    bool ran = false;
};

intptr_t wait_then_note(void* argument) {
    auto* wakeup = static_cast<Wakeup*>(argument);
    wakeup->signal.wait();
    store(wakeup->ran, true);
    return 0;
}

} // namespace

KERNEL_TEST(a_woken_urgent_thread_runs_when_the_critical_section_ends) {
    // More urgent than this thread: runs at once, blocks on the semaphore.
    static Wakeup wakeup;
    ThreadId urgent = start("urgent", wait_then_note, &wakeup, PRIORITY_DEFAULT + 1);
    EXPECT_EQ(wakeup.signal.waiter_count(), 1);

    Spinlock lock("section");
    {
        SpinlockLocker locker(lock);
        wakeup.signal.post(); // ready now, and more urgent than us...
        for (int i = 0; i < 100000; ++i)
            arch::pause();
        EXPECT(!load(wakeup.ran)); // ...but nothing preempts a spinlock holder
    }
    // Releasing the lock was the first safe point: the urgent thread has run already.
    EXPECT(load(wakeup.ran));
    finish(urgent);
}
