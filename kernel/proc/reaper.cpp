// See reaper.h.
#include "kernel/proc/reaper.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/teardown.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/new.h"

namespace reaper {
namespace {

// Both protected by disabling interrupts.
constinit libk::IntrusiveList<UserThread, &UserThread::m_reaper_node> g_ended;
WaitQueue* g_wakeup = nullptr;

UserThread& next_ended_thread() {
    InterruptGuard guard;
    while (g_ended.is_empty())
        g_wakeup->wait();
    return *g_ended.pop_front();
}

// The thread is off the CPU for good: its kernel side goes, then its user stack, and after the
// last thread, the process's resources.
void reap(UserThread& thread) {
    {
        // The kernel thread is about to be freed: nobody may reach it through `thread` now.
        InterruptGuard guard;
        thread.set_kernel_thread(nullptr);
    }
    libk::ErrorOr<intptr_t> joined = kernel_thread::join(thread.id());
    if (joined.is_error())
        panic("reaper: user thread %u cannot be joined: %s", thread.id(),
              libk::error_description(joined.error()));
    Process& process = thread.process();
    bool was_last;
    {
        InterruptGuard guard;
        VERIFY(all_user_threads().remove(thread));
        process.set_thread_count(process.thread_count() - 1);
        was_last = process.thread_count() == 0;
    }
    if (was_last)
        lifecycle::finish_process(process);
    else
        free_thread_stack(process, thread);
    thread.release(); // the list's reference
}

intptr_t reap_loop(void*) {
    for (;;)
        reap(next_ended_thread());
}

} // namespace

void initialize() {
    g_wakeup = new (std::nothrow) WaitQueue;
    if (g_wakeup == nullptr)
        panic("no memory for the process reaper");
    libk::ErrorOr<ThreadId> thread =
        kernel_thread::create("user reaper", reap_loop, nullptr, PRIORITY_HIGHEST);
    if (thread.is_error())
        panic("cannot start the process reaper: %s", libk::error_description(thread.error()));
}

void collect(UserThread& thread) {
    VERIFY(g_ended.push_back(thread));
    g_wakeup->wake_one();
}

} // namespace reaper
