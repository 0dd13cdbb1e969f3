// See blocking.h.
#include "kernel/proc/blocking.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"

namespace blocking {
namespace {

// After a wait: Interrupted if interrupt() ended it, and the thread's marks cleared.
libk::ErrorOr<void> finish_wait(UserThread& user) {
    user.set_blocked_in(nullptr);
    user.set_sleeping(false);
    user.set_waiting_for(nullptr, 0);
    if (user.was_interrupted()) {
        user.set_interrupted(false);
        return libk::Error::Interrupted;
    }
    return {};
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
    if (thread == nullptr)
        return;
    if (user.blocked_in() != nullptr && user.blocked_in()->remove(*thread)) {
        user.set_interrupted(true);
        scheduler::make_ready(*thread);
    } else if (user.is_sleeping() && scheduler::cancel_sleep(*thread)) {
        user.set_interrupted(true);
    }
}

} // namespace blocking
