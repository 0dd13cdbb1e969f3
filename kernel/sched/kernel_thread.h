// Kernel threads: create one with an entry function and an argument, wait for it to finish and
// collect its exit value (join), or let it go (detach). this_thread:: is what a thread does to
// itself: yield the CPU, sleep, exit.
//
//     libk::ErrorOr<ThreadId> worker = kernel_thread::create("worker", work, &job);
//     ...
//     libk::ErrorOr<intptr_t> result = kernel_thread::join(worker.value());
//
// Threads are named by ThreadId, which is never reused, so joining a thread that is gone is a
// clean error rather than a use of freed memory.
#pragma once

#include "kernel/sched/thread.h"
#include "libk/error_or.h"

namespace kernel_thread {

// The time slice, in timer ticks, unless the command line says "quantum=N".
constexpr uint32_t DEFAULT_QUANTUM_TICKS = 3;
constexpr uint32_t MAXIMUM_QUANTUM_TICKS = 1000;

// Starts scheduling (see scheduler::initialize): the running boot code becomes the thread
// "boot", the idle and reaper threads are made, and the timer tick starts preempting.
// `quantum_ticks` is the time slice of the round robin policy.
void initialize(uint32_t quantum_ticks);

// A new thread of the kernel process that runs entry(argument) and exits with its return value.
// It is ready at once (and runs at once if it is more urgent than the caller). OutOfMemory when
// there is no memory for its stack or control block.
libk::ErrorOr<ThreadId> create(const char* name, ThreadEntry entry, void* argument,
                               Priority priority = PRIORITY_DEFAULT);

// The same for a thread of another process: it runs in that process's address space (the
// scheduler loads its page directory whenever it switches to the thread). `user_thread` is set
// for a thread that will run user code (kernel/proc/user_thread.h), before it can first run.
libk::ErrorOr<ThreadId> create_in_process(Process& process, const char* name, ThreadEntry entry,
                                          void* argument, Priority priority = PRIORITY_DEFAULT,
                                          UserThread* user_thread = nullptr);

// Waits until the thread has exited and returns its exit value; its stack and control block are
// freed. Errors: NoSuchThread (never existed, or already joined), WouldDeadlock (joining
// yourself), AlreadyJoined (another thread is already joining it), InvalidArgument (detached,
// or the idle thread, which never exits).
libk::ErrorOr<intptr_t> join(ThreadId id);

// Nobody will join the thread: it is freed as soon as it exits. Errors as for join.
libk::ErrorOr<void> detach(ThreadId id);

// A snapshot of one thread, for tests and tools (ps, the thread dump).
struct ThreadInfo {
    ThreadId id;
    ThreadState state;
    Priority priority;
    ThreadStatistics statistics;
};
libk::ErrorOr<ThreadInfo> info(ThreadId id);

} // namespace kernel_thread

namespace this_thread {

ThreadId id();

// Gives the CPU to another ready thread, if there is one; the caller stays ready.
void yield();

// Sleeps at least `milliseconds` (rounded up to whole timer ticks), off the CPU. sleep_ms(0)
// is a yield.
void sleep_ms(uint32_t milliseconds);

// Ends the calling thread with `value` for join(). Returning from the entry function does the same.
[[noreturn]] void exit(intptr_t value);

} // namespace this_thread
