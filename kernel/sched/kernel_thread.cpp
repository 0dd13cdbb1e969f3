// See kernel_thread.h. The life of a kernel thread: its stack and control block are allocated,
// its first context is laid out so that the first switch to it starts it, and when it has exited
// and been switched away from for good, whoever collects it (join, or the reaper for a detached
// thread) frees both.
#include "kernel/sched/kernel_thread.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/kernel_stacks.h"
#include "kernel/proc/process.h"
#include "kernel/sched/round_robin_policy.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sched/thread_dump_key.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/wait_queue.h"
#include "kernel/time/clock.h"
#include "kernel/trace/trace.h"
#include "libk/new.h"

extern "C" char boot_stack_bottom[];
extern "C" char boot_stack_top[];

namespace kernel_thread {
namespace {

// The idle thread is 0 (as in the trace format, docs/trace-format.md); the others count up from
// 1 and are never reused. Written with interrupts disabled.
constexpr ThreadId IDLE_THREAD_ID = 0;
ThreadId g_next_id = 1;

// Detached threads that have exited, for the reaper to free (a thread cannot free the stack it
// is running on). Both protected by disabling interrupts.
constinit ThreadQueue g_exited_detached;
WaitQueue* g_reaper_wakeup;

ThreadId allocate_id() {
    InterruptGuard guard;
    return g_next_id++;
}

// The first code of every new thread, on its own stack (arch/x86/switch_context.asm calls it).
[[noreturn]] void start(void* thread_pointer) {
    auto* thread = static_cast<Thread*>(thread_pointer);
    // The switch here happened with interrupts disabled; the thread itself runs with them on.
    arch::enable_interrupts();
    this_thread::exit(thread->entry()(thread->argument()));
}

// A detached thread has exited: the reaper frees it. Interrupts disabled.
void hand_to_reaper(Thread& thread) {
    VERIFY(g_exited_detached.push_back(thread));
    g_reaper_wakeup->wake_one();
}

// The thread, if it still exists. Interrupts disabled.
Thread* find(ThreadId id) {
    for (Thread& thread : scheduler::all_threads()) {
        if (thread.id() == id)
            return &thread;
    }
    return nullptr;
}

bool runs_on_boot_stack(const Thread& thread) {
    return thread.stack().bottom == reinterpret_cast<uintptr_t>(boot_stack_bottom);
}

// A thread of a program is charged to its process: the control block by its size, the kernel
// stack by its frames (kernel_stacks.h). The process outlives its threads' control blocks.
void delete_thread(Thread* thread) {
    memory::MemoryAccount* account = thread->process()->memory_account();
    delete thread;
    if (account != nullptr)
        account->uncharge_bytes(sizeof(Thread));
}

void free_thread(Thread* thread) {
    // The boot thread's stack is part of the kernel image, not one of the allocated ones.
    if (!runs_on_boot_stack(*thread))
        memory::free_kernel_stack(thread->stack()); // before the name it points to goes
    delete_thread(thread);
}

libk::ErrorOr<Thread*> make_thread(ThreadId id, Process& process, const char* name,
                                   ThreadEntry entry, void* argument, Priority priority) {
    if (priority > PRIORITY_HIGHEST)
        return libk::Error::InvalidArgument;
    memory::MemoryAccount* account = process.memory_account();
    if (account != nullptr)
        TRY(account->charge_bytes(sizeof(Thread)));
    auto* thread = new (std::nothrow) Thread(id, name, &process, priority);
    if (thread == nullptr) {
        if (account != nullptr)
            account->uncharge_bytes(sizeof(Thread));
        return libk::Error::OutOfMemory;
    }
    // The stack's overflow report names the thread; the name lives as long as the stack.
    libk::ErrorOr<memory::KernelStack> stack =
        memory::allocate_kernel_stack(thread->name(), account);
    if (stack.is_error()) {
        delete_thread(thread);
        return stack.error();
    }
    thread->set_stack(stack.value());
    thread->set_entry(entry, argument);
    thread->set_saved_context(arch::prepare_initial_context(stack.value().top, start, thread));
    return thread;
}

// The idle thread: runs when no other thread is ready, and halts the CPU until the next
// interrupt. Every interrupt that makes a thread ready ends with a switch to it.
intptr_t idle_loop(void*) {
    for (;;)
        arch::halt();
}

// Frees detached threads after they have exited.
intptr_t reap_loop(void*) {
    for (;;) {
        Thread* thread;
        {
            InterruptGuard guard;
            while (g_exited_detached.is_empty())
                g_reaper_wakeup->wait();
            thread = g_exited_detached.pop_front();
            scheduler::forget_thread(*thread);
        }
        free_thread(thread);
    }
}

// The timer's tick handler, in interrupt context.
void on_tick(arch::InterruptFrame& frame) {
    scheduler::poll_thread_dump_key();
    scheduler::on_timer_tick(frame);
}

} // namespace

void initialize(uint32_t quantum_ticks) {
    InterruptGuard guard;
    auto* policy = new (std::nothrow) RoundRobinPolicy(quantum_ticks);
    auto* boot =
        new (std::nothrow) Thread(allocate_id(), "boot", &kernel_process(), PRIORITY_DEFAULT);
    g_reaper_wakeup = new (std::nothrow) WaitQueue;
    libk::ErrorOr<Thread*> idle =
        make_thread(IDLE_THREAD_ID, kernel_process(), "idle", idle_loop, nullptr, PRIORITY_LOWEST);
    if (policy == nullptr || boot == nullptr || g_reaper_wakeup == nullptr || idle.is_error())
        panic("no memory to start the scheduler");
    boot->set_stack({reinterpret_cast<uintptr_t>(boot_stack_bottom),
                     reinterpret_cast<uintptr_t>(boot_stack_top)});
    scheduler::initialize(*policy, *boot, *idle.value());
    libk::ErrorOr<ThreadId> reaper = create("reaper", reap_loop, nullptr, PRIORITY_HIGHEST);
    if (reaper.is_error())
        panic("no memory for the reaper thread");
    clock::set_tick_handler(on_tick);
}

libk::ErrorOr<ThreadId> create(const char* name, ThreadEntry entry, void* argument,
                               Priority priority) {
    return create_in_process(kernel_process(), name, entry, argument, priority);
}

libk::ErrorOr<ThreadId> create_in_process(Process& process, const char* name, ThreadEntry entry,
                                          void* argument, Priority priority,
                                          UserThread* user_thread) {
    Thread* thread = TRY(make_thread(allocate_id(), process, name, entry, argument, priority));
    thread->set_user_thread(user_thread);
    ThreadId id = thread->id();
    scheduler::add_new_thread(*thread); // may run it at once: use `thread` no more
    return id;
}

libk::ErrorOr<intptr_t> join(ThreadId id) {
    Thread* thread;
    {
        InterruptGuard guard;
        thread = find(id);
        if (thread == nullptr)
            return libk::Error::NoSuchThread;
        if (thread == &scheduler::current())
            return libk::Error::WouldDeadlock;
        if (id == IDLE_THREAD_ID)
            return libk::Error::InvalidArgument; // it never exits
        if (thread->join_state() == JoinState::Joined)
            return libk::Error::AlreadyJoined;
        if (thread->join_state() == JoinState::Detached)
            return libk::Error::InvalidArgument;
        thread->set_join_state(JoinState::Joined);
        if (thread->state() != ThreadState::Exited) {
            thread->set_joiner(&scheduler::current());
            trace::join_begins(*thread);
            scheduler::block_current(ThreadState::Blocked); // this_thread::exit wakes us
        }
        // Exited and switched away from for good (we run, so it does not): safe to free.
        scheduler::forget_thread(*thread);
    }
    intptr_t value = thread->exit_value();
    free_thread(thread);
    return value;
}

libk::ErrorOr<void> detach(ThreadId id) {
    InterruptGuard guard;
    Thread* thread = find(id);
    if (thread == nullptr)
        return libk::Error::NoSuchThread;
    if (id == IDLE_THREAD_ID)
        return libk::Error::InvalidArgument;
    if (thread->join_state() == JoinState::Joined)
        return libk::Error::AlreadyJoined;
    if (thread->join_state() == JoinState::Detached)
        return libk::Error::InvalidArgument;
    thread->set_join_state(JoinState::Detached);
    if (thread->state() == ThreadState::Exited)
        hand_to_reaper(*thread);
    return {};
}

libk::ErrorOr<ThreadInfo> info(ThreadId id) {
    InterruptGuard guard;
    Thread* thread = find(id);
    if (thread == nullptr)
        return libk::Error::NoSuchThread;
    return ThreadInfo{thread->id(), thread->state(), thread->priority(), thread->statistics()};
}

} // namespace kernel_thread

namespace this_thread {

ThreadId id() {
    return scheduler::current().id();
}

void yield() {
    scheduler::yield();
}

void sleep_ms(uint32_t milliseconds) {
    if (milliseconds == 0) {
        yield();
        return;
    }
    // Round up to whole ticks, then one more: the current tick is already partly over, and a
    // sleep must never end early.
    uint64_t ticks = (static_cast<uint64_t>(milliseconds) * clock::hz() + 999) / 1000;
    scheduler::sleep_until(clock::ticks() + ticks + 1);
}

void exit(intptr_t value) {
    arch::disable_interrupts(); // for good: the next thread restores its own state
    Thread& thread = scheduler::current();
    thread.set_exit_value(value);
    if (Thread* joiner = thread.joiner()) {
        scheduler::make_ready(*joiner);
        trace::join_ended(*joiner, thread);
    } else if (thread.join_state() == JoinState::Detached)
        kernel_thread::hand_to_reaper(thread);
    scheduler::exit_current();
}

} // namespace this_thread
