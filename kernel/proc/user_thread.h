// UserThread: what a thread that runs a program has beyond a kernel thread. Every user thread is
// a kernel thread (kernel/sched/thread.h) with its own kernel stack, on which it runs whenever it
// is in the kernel (a system call, an interrupt); this object adds the user side: its process,
// its user stack, its thread pointer and x87 registers, how it ended, and what it waits for.
//
// It is also the kernel object behind a thread handle, so it lives on (reference-counted) after
// the thread has ended, as long as a handle to it is open: thread_join reads the exit value here.
//
// Fields marked "interrupts disabled" change together with the scheduler's queues.
#pragma once

#include "arch/fpu.h"
#include "kernel/proc/kernel_object.h"
#include "kernel/sched/thread.h"
#include "kernel/sync/wait_queue.h"
#include "libk/abi/types.h"
#include "libk/intrusive_list.h"

class Process;

class UserThread final : public KernelObject {
public:
    static constexpr ObjectKind KIND = ObjectKind::Thread;
    static constexpr size_t WAITING_FOR_SIZE = 32;

    // `stack_region` is the start of the thread's stack region (memory_regions.h), or 0 for the
    // main thread, whose stack has a fixed place. Holds a reference to `process`.
    UserThread(Process& process, uintptr_t stack_region);
    ~UserThread() override;

    Process& process() const { return m_process; }
    // The kernel thread's id (unique in the whole system, never reused).
    ThreadId id() const { return m_id; }
    void set_id(ThreadId id) { m_id = id; }
    // The kernel thread, until the reaper has collected it; then nullptr.
    Thread* kernel_thread() const { return m_thread; }
    void set_kernel_thread(Thread* thread) { m_thread = thread; }
    uintptr_t stack_region() const { return m_stack_region; }

    // Where the thread enters user mode for the first time.
    void set_start(uint32_t eip, uint32_t esp) {
        m_start_eip = eip;
        m_start_esp = esp;
    }
    uint32_t start_eip() const { return m_start_eip; }
    uint32_t start_esp() const { return m_start_esp; }

    // The base of %gs in user mode (set_thread_pointer).
    uint32_t thread_pointer() const { return m_thread_pointer; }
    void set_thread_pointer(uint32_t pointer) { m_thread_pointer = pointer; }
    arch::FpuState& fpu_state() { return m_fpu_state; }

    // --- the end (interrupts disabled) ---------------------------------------------------------
    // thread_exit was called: the thread ends on its way back to user mode.
    bool exit_requested() const { return m_exit_requested; }
    void request_exit(uint32_t value) {
        m_exit_requested = true;
        m_exit_value = value;
    }
    bool has_ended() const { return m_ended; }
    void set_ended() { m_ended = true; }
    uint32_t exit_value() const { return m_exit_value; }
    // thread_join: the thread waiting for this one, and where it waits.
    bool is_being_joined() const { return m_being_joined; }
    void set_being_joined(bool joined) { m_being_joined = joined; }
    WaitQueue& joiners() { return m_joiners; }

    // --- blocking (interrupts disabled; see blocking.h) -----------------------------------------
    WaitQueue* blocked_in() const { return m_blocked_in; }
    void set_blocked_in(WaitQueue* queue) { m_blocked_in = queue; }
    // The handle of its process through which it waits (a mutex, a semaphore, a thread), or -1.
    int blocked_on_handle() const { return m_blocked_on_handle; }
    void set_blocked_on_handle(int handle) { m_blocked_on_handle = handle; }
    // In an interruptible sleep (sleep_ms), which the end of its process cuts short.
    bool is_sleeping() const { return m_sleeping; }
    void set_sleeping(bool sleeping) { m_sleeping = sleeping; }
    // Why its wait was cut short, when it was: not by its waker but by the end of its process,
    // or by a thread of its process closing the handle it waited through.
    enum class WaitCut : uint8_t { None, ProcessEnding, HandleClosed };
    WaitCut wait_cut() const { return m_wait_cut; }
    void set_wait_cut(WaitCut cut) { m_wait_cut = cut; }
    // What a blocked thread waits for, for ps ("mutex 3"); "" when it does not wait.
    const char* waiting_for() const { return m_waiting_for; }
    void set_waiting_for(const char* what, int number);

    // The registers the thread had in user mode when it last entered the kernel: the interrupt
    // frame at the top of its kernel stack. Meaningful while it is not running user code.
    const arch::InterruptFrame* user_registers() const;

    // Links in the list of every user thread, and in the reaper's queue.
    libk::ListNode<UserThread> m_all_node;
    libk::ListNode<UserThread> m_reaper_node;

private:
    Process& m_process;
    ThreadId m_id = 0;
    Thread* m_thread = nullptr;
    uintptr_t m_stack_region;
    uint32_t m_start_eip = 0;
    uint32_t m_start_esp = 0;
    uint32_t m_thread_pointer = 0;
    arch::FpuState m_fpu_state;

    bool m_exit_requested = false;
    bool m_ended = false;
    uint32_t m_exit_value = 0;
    bool m_being_joined = false;
    WaitQueue m_joiners;

    WaitQueue* m_blocked_in = nullptr;
    int m_blocked_on_handle = -1;
    bool m_sleeping = false;
    WaitCut m_wait_cut = WaitCut::None;
    char m_waiting_for[WAITING_FOR_SIZE] = {};
};

using UserThreadList = libk::IntrusiveList<UserThread, &UserThread::m_all_node>;

// Every user thread that exists (until the reaper collects it). Interrupts disabled.
UserThreadList& all_user_threads();

// The calling thread's user side, or nullptr for a kernel thread.
UserThread* current_user_thread();

// Threads a process may have at once (thread_create fails with EAGAIN beyond).
constexpr uint32_t MAXIMUM_THREADS_PER_PROCESS = ABI_THREAD_MAX;

// Lets `thread` (made with its start registers set) run as a new kernel thread of its process,
// named `name`. The process's thread counts go up; the list of all user threads takes a
// reference of its own, which it keeps until the thread has ended and been reaped.
// OutOfMemory, or LimitReached (MAXIMUM_THREADS_PER_PROCESS).
libk::ErrorOr<void> start_user_thread(UserThread& thread, const char* name);

// Registers what the scheduler and the interrupt path must do for user threads: switching their
// x87 state and thread pointer, and ending threads on their way back to user mode. Once, at boot.
void initialize_user_threads();

// A new thread's x87 state can be dropped: it will never run again (lifecycle.cpp, as it ends).
void forget_fpu_state_of(UserThread& thread);
