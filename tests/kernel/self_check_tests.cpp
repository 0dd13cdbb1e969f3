// Kernel tests of the self-check (kernel/debug/self_check.h) and of the system-call log
// (kernel/syscall/call_log.h): a sound kernel passes, and each part finds the damage it is meant
// to find when a test breaks one invariant on purpose (and mends it before anything else runs).
#include "kernel/debug/panic.h"
#include "kernel/debug/self_check.h"
#include "kernel/memory/heap_block.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/scheduling_policy.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/call_log.h"
#include "kernel/testing/kernel_test.h"
#include "libk/abi/system_calls.h"
#include "libk/new.h"
#include "tests/kernel/thread_test_support.h"

namespace {

intptr_t return_at_once(void*) {
    return 0;
}

Thread* find_thread(ThreadId id) {
    for (Thread& thread : scheduler::all_threads()) {
        if (thread.id() == id)
            return &thread;
    }
    return nullptr;
}

} // namespace

KERNEL_TEST(self_check_passes_on_a_sound_kernel) {
    EXPECT_EQ(self_check::run(), 0u);
}

KERNEL_TEST(self_check_finds_a_damaged_heap_block) {
    auto* bytes = new (std::nothrow) uint8_t[40];
    EXPECT(bytes != nullptr);
    // The header's canary is the last word before the payload (heap_block.h); volatile, or the
    // compiler may drop a store it sees no one read before it is undone.
    auto* guard = reinterpret_cast<volatile uint32_t*>(bytes) - 1;
    size_t found = 0;
    {
        InterruptGuard interrupts_off; // nothing else may meet the damage
        EXPECT_EQ(*guard, memory::HEAP_GUARD);
        *guard = 0x0BADF00D;
        found = self_check::run();
        *guard = memory::HEAP_GUARD;
    }
    EXPECT_EQ(found, 1u);
    EXPECT_EQ(self_check::run(), 0u);
    delete[] bytes;
}

KERNEL_TEST(self_check_finds_a_ready_thread_outside_the_ready_set) {
    // Below the test's priority, so it stays ready (and unrun) until the test waits for it.
    ThreadId id = thread_test::start("ready", return_at_once, nullptr, PRIORITY_DEFAULT - 1);
    size_t found = 0;
    {
        InterruptGuard interrupts_off;
        Thread* thread = find_thread(id);
        EXPECT(thread != nullptr && thread->state() == ThreadState::Ready);
        scheduler::policy().dequeue(*thread);
        found = self_check::run();
        scheduler::policy().enqueue(*thread, EnqueueReason::Created);
    }
    EXPECT_EQ(found, 1u);
    EXPECT_EQ(self_check::run(), 0u);
    thread_test::finish(id);
}

// With syscall_log=on (tests/kernel/command-lines), the report names the last calls with their
// arguments and results; a call that never returned says so.
KERNEL_TEST_EXPECTING_PANIC(system_call_log_is_in_the_panic_report,
                            "mutex_lock(0x7, 0x1, 0x2, 0x3, 0x4) -> EBADF") {
    EXPECT(system_call::call_log::is_on());
    uint32_t arguments[5] = {7, 1, 2, 3, 4};
    system_call::call_log::finish(system_call::call_log::begin(SYSCALL_MUTEX_LOCK, arguments),
                                  static_cast<uint32_t>(-9)); // EBADF
    system_call::call_log::begin(SYSCALL_SEMAPHORE_WAIT, arguments);
    panic("a test panic after two logged calls");
}
