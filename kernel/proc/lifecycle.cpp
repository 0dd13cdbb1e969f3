// See lifecycle.h.
#include "kernel/proc/lifecycle.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/blocking.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/reaper.h"
#include "kernel/proc/teardown.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/trace/trace.h"
#include "libk/abi/types.h"

namespace lifecycle {
namespace {

// Zombies nobody will wait for leave the table at once. Interrupts disabled.
void discard_unwanted_zombies() {
    for (;;) {
        Process* unwanted = nullptr;
        for (Process& process : process_table::all()) {
            if (process.state() == ProcessState::Zombie && process.parent() == nullptr) {
                unwanted = &process;
                break;
            }
        }
        if (unwanted == nullptr)
            return;
        process_table::remove(*unwanted)->release();
    }
}

// The children of a process that has ended go to init, or to nobody when init is gone.
void hand_children_to_init(Process& process) {
    Process* init = process_table::init_process();
    if (init == &process || (init != nullptr && init->state() != ProcessState::Running))
        init = nullptr;
    bool init_has_news = false;
    for (Process& child : process_table::all()) {
        if (child.parent() != &process)
            continue;
        child.set_parent(init);
        init_has_news = init_has_news || child.state() == ProcessState::Zombie;
    }
    if (init != nullptr && init_has_news)
        init->child_waiters().wake_all();
}

} // namespace

bool end_process(Process& process, int32_t wait_status) {
    VERIFY(!arch::interrupts_enabled());
    if (process.state() != ProcessState::Running)
        return false;
    process.set_state(ProcessState::Ending);
    process.set_wait_status(wait_status);
    for (UserThread& thread : all_user_threads()) {
        if (&thread.process() == &process)
            blocking::interrupt(thread);
    }
    return true;
}

bool must_end(const UserThread& thread) {
    return thread.exit_requested() || thread.process().state() != ProcessState::Running;
}

void end_current_thread() {
    arch::disable_interrupts(); // for good: the next thread restores its own state
    UserThread& user = *current_user_thread();
    Process& process = user.process();
    user.set_ended();
    user.joiners().wake_all();
    process.set_live_thread_count(process.live_thread_count() - 1);
    if (process.live_thread_count() == 0)
        end_process(process, ABI_WAIT_EXITED(0)); // no effect if the end was already decided
    process.add_ended_thread_ticks(scheduler::current().statistics().ticks_run);
    forget_fpu_state_of(user);
    reaper::collect(user);
    this_thread::exit(0);
}

void on_return_to_user(arch::InterruptFrame&) {
    UserThread* user = current_user_thread();
    if (user != nullptr && must_end(*user))
        end_current_thread();
}

void finish_process(Process& process) {
    return_resources(process);
    InterruptGuard guard;
    process.set_state(ProcessState::Zombie);
    trace::process_exited(process.id(), process.wait_status());
    hand_children_to_init(process);
    if (Process* parent = process.parent())
        parent->child_waiters().wake_all();
    discard_unwanted_zombies();
}

libk::ErrorOr<ProcessId> wait_for_child(Process& parent, int32_t pid, bool no_hang,
                                        int32_t& wait_status) {
    Process* child = nullptr;
    {
        InterruptGuard guard;
        for (;;) {
            bool has_match = false;
            for (Process& process : process_table::all()) {
                if (process.parent() != &parent || (pid != -1 && process.id() != ProcessId(pid)))
                    continue;
                has_match = true;
                if (process.state() == ProcessState::Zombie) {
                    child = &process;
                    break;
                }
            }
            if (!has_match)
                return libk::Error::NoChild;
            if (child != nullptr)
                break;
            if (no_hang)
                return 0;
            TRY(blocking::wait(parent.child_waiters(), "child", pid));
        }
        wait_status = child->wait_status();
        process_table::remove(*child);
    }
    ProcessId id = child->id();
    child->release(); // the table's reference: the last one, normally
    return id;
}

} // namespace lifecycle
