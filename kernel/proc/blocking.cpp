// See blocking.h.
#include "kernel/proc/blocking.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"

namespace blocking {
namespace {

// After a wait: the error that ended it early, if anything did, and the thread's marks cleared.
libk::ErrorOr<void> finish_wait(UserThread& user) {
    user.set_blocked_in(nullptr);
    user.set_blocked_on_handle(-1);
    user.set_sleeping(false);
    user.set_waiting_for(nullptr, 0);
    UserThread::WaitCut cut = user.wait_cut();
    user.set_wait_cut(UserThread::WaitCut::None);
    switch (cut) {
    case UserThread::WaitCut::None:
        return {};
    case UserThread::WaitCut::ProcessEnding:
        return libk::Error::Interrupted;
    case UserThread::WaitCut::HandleClosed:
        return libk::Error::BadHandle;
    }
    return {};
}

// Takes `user` out of the queue it waits in, if it is still there, and makes it ready; its wait
// returns the error for `cut`. False when it no longer waits (its waker came first).
bool cut_wait(UserThread& user, UserThread::WaitCut cut) {
    Thread* thread = user.kernel_thread();
    if (thread == nullptr || user.blocked_in() == nullptr || !user.blocked_in()->remove(*thread))
        return false;
    user.set_wait_cut(cut);
    scheduler::make_ready(*thread);
    return true;
}

} // namespace

libk::ErrorOr<void> wait(WaitQueue& queue, const char* what, int number) {
    VERIFY(!arch::interrupts_enabled());
    UserThread* user = current_user_thread();
    if (user == nullptr) {
        queue.wait();
        return {};
    }
    if (lifecycle::must_end(*user))
        return libk::Error::Interrupted;
    user->set_blocked_in(&queue);
    user->set_waiting_for(what, number);
    queue.wait();
    return finish_wait(*user);
}

libk::ErrorOr<void> wait_on_handle(WaitQueue& queue, const char* what, int handle,
                                   const KernelObject& object) {
    VERIFY(!arch::interrupts_enabled());
    UserThread* user = current_user_thread();
    if (user == nullptr)
        return wait(queue, what, handle);
    // With interrupts off no close can run between this check and the wait below.
    if (!user->process().handles().names(handle, object))
        return libk::Error::BadHandle;
    user->set_blocked_on_handle(handle);
    return wait(queue, what, handle);
}

void cancel_waits_on_handle(Process& process, int handle) {
    VERIFY(!arch::interrupts_enabled());
    for (UserThread& user : all_user_threads()) {
        if (&user.process() == &process && user.blocked_on_handle() == handle)
            cut_wait(user, UserThread::WaitCut::HandleClosed);
    }
}

libk::ErrorOr<void> sleep_ms(uint32_t milliseconds) {
    InterruptGuard guard; // from the check to the sleep, no end can slip in unnoticed
    UserThread* user = current_user_thread();
    if (user == nullptr || milliseconds == 0) {
        this_thread::sleep_ms(milliseconds);
        return {};
    }
    if (lifecycle::must_end(*user))
        return libk::Error::Interrupted;
    user->set_sleeping(true);
    user->set_waiting_for("sleep", -1);
    this_thread::sleep_ms(milliseconds);
    return finish_wait(*user);
}

void interrupt(UserThread& user) {
    VERIFY(!arch::interrupts_enabled());
    Thread* thread = user.kernel_thread();
    if (thread == nullptr || cut_wait(user, UserThread::WaitCut::ProcessEnding))
        return;
    if (user.is_sleeping() && scheduler::cancel_sleep(*thread))
        user.set_wait_cut(UserThread::WaitCut::ProcessEnding);
}

} // namespace blocking
