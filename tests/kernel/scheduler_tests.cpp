// Kernel tests of the scheduler: preemption of CPU-bound kernel code, the exact time slice (from
// the default and from "quantum="), sleeping (order, never early, sleep(0) yields), priorities,
// and the page directory and kernel stack that follow the running thread. Every assertion holds
// in every interleaving: the tests wait for events instead of assuming how long anything takes.
#include "arch/cpu.h"
#include "arch/mmu.h"
#include "arch/tss.h"
#include "kernel/memory/address_space.h"
#include "kernel/proc/process.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

KERNEL_TEST(preemption_shares_the_cpu_between_spinning_threads) {
    Spinner first, second;
    ThreadId first_id = start("spinner-1", spin_until_stopped, &first);
    ThreadId second_id = start("spinner-2", spin_until_stopped, &second);
    wait_until([&] { return load(first.count) > 0 && load(second.count) > 0; },
               "both spinners to make progress");
    // A spinner leaves the CPU only when the timer preempts it, and both have run while this
    // thread runs again: each was preempted at least once.
    EXPECT(info(first_id).statistics.times_preempted >= 1);
    EXPECT(info(second_id).statistics.times_preempted >= 1);
    store(first.stop, true);
    store(second.stop, true);
    EXPECT_EQ(finish(first_id), 0);
    EXPECT_EQ(finish(second_id), 0);
}

namespace {

// Two spinners share the CPU. A spinner leaves it only when its time slice is used up, and a
// slice is exactly `quantum` ticks, so while it is not running its ticks_run is exactly
// quantum x times_preempted, whatever the timing.
void expect_time_slice(uint32_t quantum) {
    Spinner first, second;
    ThreadId first_id = start("spinner-1", spin_until_stopped, &first);
    ThreadId second_id = start("spinner-2", spin_until_stopped, &second);
    wait_until(
        [&] {
            return info(first_id).statistics.times_preempted >= 3 &&
                   info(second_id).statistics.times_preempted >= 3;
        },
        "both spinners to be preempted three times");
    ThreadId spinners[] = {first_id, second_id};
    for (ThreadId id : spinners) {
        ThreadStatistics statistics = info(id).statistics;
        EXPECT_EQ(statistics.ticks_run, quantum * statistics.times_preempted);
    }
    store(first.stop, true);
    store(second.stop, true);
    finish(first_id);
    finish(second_id);
}

} // namespace

KERNEL_TEST(time_slice_is_the_default_quantum) {
    expect_time_slice(kernel_thread::DEFAULT_QUANTUM_TICKS);
}

KERNEL_TEST_ALONE(time_slice_comes_from_the_command_line) {
    expect_time_slice(7); // tests/kernel/command-lines boots this test with quantum=7
}

namespace {

intptr_t spin_forever(void*) {
    // The pause instruction gives the loop an effect the compiler must keep: C++ lets it delete
    // an endless loop that does nothing.
    for (;;)
        arch::pause();
}

} // namespace

namespace {

intptr_t sleep_and_answer(void*) {
    for (int i = 0; i < 3; ++i)
        this_thread::sleep_ms(20);
    return 42;
}

} // namespace

// Alone: the spinner never ends, so the kernel after it is not the kernel before it.
KERNEL_TEST_ALONE(a_thread_spinning_forever_does_not_stop_the_others) {
    ThreadId spinner = start("spin-forever", spin_forever);
    ThreadId worker = start("worker", sleep_and_answer);
    this_thread::sleep_ms(50); // returns only if the spinner is preempted
    EXPECT_EQ(finish(worker), 42);
    EXPECT(info(spinner).statistics.ticks_run > 0);
    EXPECT(info(spinner).statistics.times_preempted > 0);
    // The spinner keeps spinning until the test ends QEMU.
}

namespace {

constexpr int SLEEPERS = 5;
// 100 ms apart: ten ticks at the default rate, so the order does not hinge on one tick.
constexpr uint32_t SLEEP_MS[SLEEPERS] = {300, 100, 500, 200, 400};

struct SleepRecord {
    uint32_t milliseconds;
    uint64_t start_tick, deadline, woke_tick;
};
SleepRecord g_sleep_records[SLEEPERS];
int g_wake_order[SLEEPERS];
int g_woken;

intptr_t sleep_and_record(void* argument) {
    auto index = static_cast<int>(reinterpret_cast<intptr_t>(argument));
    SleepRecord& record = g_sleep_records[index];
    record.start_tick = clock::ticks();
    this_thread::sleep_ms(record.milliseconds);
    InterruptGuard guard;
    record.woke_tick = clock::ticks();
    record.deadline = scheduler::current().wake_tick(); // what the sleep queue was told
    g_wake_order[g_woken++] = index;
    return 0;
}

} // namespace

KERNEL_TEST(sleepers_wake_in_order_and_never_early) {
    ThreadId threads[SLEEPERS];
    // More urgent than this thread, so each one runs (and starts sleeping) as soon as it exists,
    // and runs the moment it wakes.
    for (int i = 0; i < SLEEPERS; ++i) {
        g_sleep_records[i].milliseconds = SLEEP_MS[i];
        threads[i] =
            start("sleeper", sleep_and_record, reinterpret_cast<void*>(i), PRIORITY_DEFAULT + 1);
    }
    for (ThreadId thread : threads)
        finish(thread);
    EXPECT_EQ(g_woken, SLEEPERS);
    for (int position = 0; position < SLEEPERS; ++position) {
        const SleepRecord& record = g_sleep_records[g_wake_order[position]];
        uint64_t ticks = (static_cast<uint64_t>(record.milliseconds) * clock::hz() + 999) / 1000;
        // Not early: a whole `ticks` after the tick in progress at the start.
        EXPECT(record.deadline >= record.start_tick + ticks + 1);
        EXPECT(record.woke_tick >= record.deadline);
        if (position > 0)
            EXPECT(record.deadline > g_sleep_records[g_wake_order[position - 1]].deadline);
    }
    // With starts this close together, deadline order is duration order.
    for (int position = 0; position < SLEEPERS; ++position)
        EXPECT_EQ(SLEEP_MS[g_wake_order[position]], 100u * (position + 1));
}

KERNEL_TEST(sleep_zero_yields_to_a_ready_thread) {
    Spinner yielder;
    ThreadId thread = start(
        "yielder",
        [](void* argument) -> intptr_t {
            auto* spinner = static_cast<Spinner*>(argument);
            while (!load(spinner->stop))
                this_thread::yield();
            return 0;
        },
        &yielder);
    for (int round = 0; round < 10; ++round) {
        uint32_t before = info(thread).statistics.times_scheduled;
        this_thread::sleep_ms(0);
        // The yielder was ready, so the CPU went to it before coming back here.
        EXPECT(info(thread).statistics.times_scheduled > before);
    }
    store(yielder.stop, true);
    finish(thread);
}

namespace {

struct SeenByThread {
    uint32_t page_directory = 0;
    uint32_t tss_kernel_stack = 0;
    uintptr_t own_stack_top = 0;
};

intptr_t look_at_the_cpu(void* argument) {
    auto* seen = static_cast<SeenByThread*>(argument);
    this_thread::yield(); // come back through a switch, not only through the first start
    InterruptGuard guard;
    seen->page_directory = arch::active_page_directory();
    seen->tss_kernel_stack = arch::kernel_stack();
    seen->own_stack_top = scheduler::current().stack().top;
    return 0;
}

} // namespace

KERNEL_TEST(each_thread_runs_with_its_page_directory_and_kernel_stack) {
    uint32_t kernel_directory = arch::active_page_directory();
    libk::ErrorOr<memory::AddressSpace*> space = memory::AddressSpace::create();
    EXPECT(!space.is_error());
    Process other(7, "other", space.value()->directory());

    SeenByThread in_other, in_kernel;
    libk::ErrorOr<ThreadId> foreign =
        kernel_thread::create_in_process(other, "foreign", look_at_the_cpu, &in_other);
    EXPECT(!foreign.is_error());
    ThreadId local = start("local", look_at_the_cpu, &in_kernel);
    finish(foreign.value());
    finish(local);

    EXPECT_EQ(in_other.page_directory, space.value()->directory());
    EXPECT_EQ(in_kernel.page_directory, kernel_directory);
    EXPECT(space.value()->directory() != kernel_directory);
    EXPECT_EQ(arch::active_page_directory(), kernel_directory); // and back for this thread
    // TSS.esp0 follows the running thread: each saw the top of its own stack.
    EXPECT_EQ(in_other.tss_kernel_stack, in_other.own_stack_top);
    EXPECT_EQ(in_kernel.tss_kernel_stack, in_kernel.own_stack_top);
    EXPECT(in_other.own_stack_top != in_kernel.own_stack_top);
    EXPECT_EQ(arch::kernel_stack(), scheduler::current().stack().top);
    delete space.value();
}

namespace {

bool g_urgent_ran;

intptr_t note_that_i_ran(void*) {
    store(g_urgent_ran, true);
    return 0;
}

} // namespace

KERNEL_TEST(a_more_urgent_new_thread_runs_at_once) {
    g_urgent_ran = false;
    ThreadId urgent = start("urgent", note_that_i_ran, nullptr, PRIORITY_DEFAULT + 1);
    // create() returned to us only after the more urgent thread had the CPU (and finished).
    EXPECT(load(g_urgent_ran));
    finish(urgent);
    // A thread of the same priority waits for its turn.
    g_urgent_ran = false;
    ThreadId peer;
    {
        InterruptGuard guard; // no tick can give it the CPU before we look
        peer = start("peer", note_that_i_ran, nullptr, PRIORITY_DEFAULT);
        EXPECT(!load(g_urgent_ran));
    }
    finish(peer);
    EXPECT(load(g_urgent_ran));
}
