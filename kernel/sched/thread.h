// Thread: the unit of execution and scheduling. Its essence is the saved register set (Context)
// on its own kernel stack; everything else here is bookkeeping around that: who it is, what it is
// doing, which process it works for, and how much CPU it has had.
//
// This header is plain data with small accessors, so the scheduling policy and the wait queue can
// be tested on the host. Creating, running and ending threads is in kernel/sched/kernel_thread.h;
// switching between them is in kernel/sched/scheduler.h.
#pragma once

#include "arch/context.h"
#include "kernel/memory/kernel_stacks.h"
#include "libk/intrusive_list.h"
#include "libk/types.h"

namespace arch {
struct InterruptFrame;
}
class Process;
class UserThread;

using ThreadId = uint32_t;

// Higher numbers are more urgent. The scheduler always runs a ready thread of the highest
// non-empty level; the idle thread runs only when no thread is ready at all.
using Priority = uint8_t;
constexpr Priority PRIORITY_LOWEST = 0;
constexpr Priority PRIORITY_HIGHEST = 31;
constexpr Priority PRIORITY_DEFAULT = 16;
constexpr unsigned PRIORITY_LEVELS = PRIORITY_HIGHEST + 1;

enum class ThreadState : uint8_t {
    Ready,    // in the scheduling policy's ready set, waiting for the CPU
    Running,  // has the CPU (exactly one thread at any time)
    Blocked,  // in a WaitQueue (mutex, semaphore, condition variable) or waiting in join()
    Sleeping, // in the sleep queue until its wake-up tick
    Exited,   // finished; its exit value waits for join()
};
const char* to_string(ThreadState state);

// Where the time went. Charged by the scheduler; shown by the thread dump.
struct ThreadStatistics {
    uint64_t ticks_run = 0;       // timer ticks during which this thread had the CPU
    uint32_t times_scheduled = 0; // switches to this thread
    uint32_t times_preempted = 0; // switches away from it that it did not ask for
};

// Per-thread state that belongs to the scheduling policy. A policy that needs more (a queue
// level, a virtual runtime, ...) adds a field here; see docs/scheduling.md.
struct SchedulingState {
    uint32_t time_slice_left = 0; // ticks the thread may still run before it is preempted
};

constexpr size_t THREAD_NAME_SIZE = 32;

// What happens to a thread's remains when it exits.
enum class JoinState : uint8_t {
    Joinable, // kept (exit value included) until some thread joins it
    Joined,   // a thread is waiting in join() for it to exit
    Detached, // reclaimed as soon as it exits; nobody can join it
};

// What a kernel thread runs: entry(argument). Its return value is the thread's exit value.
using ThreadEntry = intptr_t (*)(void* argument);

class Thread {
public:
    Thread(ThreadId id, const char* name, Process* process, Priority priority);
    Thread(const Thread&) = delete;
    Thread& operator=(const Thread&) = delete;

    ThreadId id() const { return m_id; }
    const char* name() const { return m_name; }
    Process* process() const { return m_process; }
    // What a thread that runs user code has beyond a kernel thread (kernel/proc/user_thread.h);
    // nullptr for kernel threads. Set before the thread first runs.
    UserThread* user_thread() const { return m_user_thread; }
    void set_user_thread(UserThread* user_thread) { m_user_thread = user_thread; }

    ThreadState state() const { return m_state; }
    void set_state(ThreadState state) { m_state = state; }

    Priority priority() const { return m_priority; }
    // Only while the thread is in no ready set (the scheduler re-queues it otherwise).
    void set_priority(Priority priority) { m_priority = priority; }

    SchedulingState& scheduling_state() { return m_scheduling_state; }
    const SchedulingState& scheduling_state() const { return m_scheduling_state; }
    ThreadStatistics& statistics() { return m_statistics; }
    const ThreadStatistics& statistics() const { return m_statistics; }

    // The kernel stack, [bottom, top), with an unmapped guard page below bottom.
    const memory::KernelStack& stack() const { return m_stack; }
    void set_stack(const memory::KernelStack& stack) { m_stack = stack; }

    // Where switch_context stored this thread's registers when it last left the CPU (meaningless
    // while it runs). The scheduler passes &m_saved_context to switch_context.
    arch::Context* saved_context() const { return m_saved_context; }
    arch::Context** saved_context_slot() { return &m_saved_context; }
    void set_saved_context(arch::Context* context) { m_saved_context = context; }

    // The registers of the interrupted code while a timer interrupt preempted this thread;
    // nullptr when it left the CPU on its own (blocked, yielded, slept).
    arch::InterruptFrame* preempted_frame() const { return m_preempted_frame; }
    void set_preempted_frame(arch::InterruptFrame* frame) { m_preempted_frame = frame; }

    // Sleep queue: the tick at which a sleeping thread becomes ready again.
    uint64_t wake_tick() const { return m_wake_tick; }
    void set_wake_tick(uint64_t tick) { m_wake_tick = tick; }

    // Life cycle (kernel/sched/kernel_thread.cpp).
    ThreadEntry entry() const { return m_entry; }
    void* argument() const { return m_argument; }
    void set_entry(ThreadEntry entry, void* argument) {
        m_entry = entry;
        m_argument = argument;
    }
    intptr_t exit_value() const { return m_exit_value; }
    void set_exit_value(intptr_t value) { m_exit_value = value; }
    JoinState join_state() const { return m_join_state; }
    void set_join_state(JoinState state) { m_join_state = state; }
    // The thread blocked in join() on this one, woken when this one exits.
    Thread* joiner() const { return m_joiner; }
    void set_joiner(Thread* joiner) { m_joiner = joiner; }

    // Links for the one queue the thread is in according to its state: the policy's ready set
    // (Ready), a WaitQueue (Blocked), or the sleep queue (Sleeping). A thread is never in two.
    libk::ListNode<Thread> m_queue_node;
    // Links for the list of every thread, which the thread dump walks.
    libk::ListNode<Thread> m_all_threads_node;

private:
    ThreadId m_id;
    char m_name[THREAD_NAME_SIZE];
    ThreadState m_state = ThreadState::Ready;
    Priority m_priority;
    Process* m_process; // kernel threads belong to the kernel process
    UserThread* m_user_thread = nullptr;
    memory::KernelStack m_stack;
    arch::Context* m_saved_context = nullptr;
    arch::InterruptFrame* m_preempted_frame = nullptr;
    uint64_t m_wake_tick = 0;
    SchedulingState m_scheduling_state;
    ThreadStatistics m_statistics;
    ThreadEntry m_entry = nullptr;
    void* m_argument = nullptr;
    intptr_t m_exit_value = 0;
    JoinState m_join_state = JoinState::Joinable;
    Thread* m_joiner = nullptr;
};

// A queue of threads through their m_queue_node (ready sets, wait queues, the sleep queue).
using ThreadQueue = libk::IntrusiveList<Thread, &Thread::m_queue_node>;
// The list of every thread, through m_all_threads_node.
using ThreadList = libk::IntrusiveList<Thread, &Thread::m_all_threads_node>;
