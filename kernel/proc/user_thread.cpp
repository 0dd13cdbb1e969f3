// See user_thread.h. How a user thread starts (its kernel thread enters ring 3), and what the
// CPU must be given whenever a user thread is switched in: its thread pointer and its x87 state.
#include "kernel/proc/user_thread.h"
#include "arch/gdt.h"
#include "arch/interrupt_frame.h"
#include "arch/interrupts.h"
#include "arch/user_mode.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/format.h"
#include "libk/new.h"

namespace {

// Interrupts disabled.
constinit UserThreadList g_all_user_threads;

// The user thread whose x87 registers are in the unit now. The kernel never uses the x87, so
// they stay there while kernel threads run, and are saved only when another user thread needs
// the unit: a program running alone never pays for the switch. Interrupts disabled.
UserThread* g_fpu_owner = nullptr;

// The scheduler's switch hook (scheduler.h).
void prepare_switch(Thread& previous, Thread& next) {
    if (next.process() != previous.process())
        next.process()->count_switch_in();
    UserThread* user = next.user_thread();
    if (user == nullptr)
        return;
    arch::set_thread_pointer_base(user->thread_pointer());
    if (g_fpu_owner != user) {
        if (g_fpu_owner != nullptr)
            arch::save_fpu_state(g_fpu_owner->fpu_state());
        arch::restore_fpu_state(user->fpu_state());
        g_fpu_owner = user;
    }
}

// The kernel thread of every user thread runs this: it leaves for ring 3 and comes back only
// through interrupts and system calls, on top of the frame enter_user_mode leaves at the top of
// its stack.
intptr_t run_user_thread(void* argument) {
    auto* user = static_cast<UserThread*>(argument);
    arch::disable_interrupts(); // no end may be decided between this check and ring 3
    if (lifecycle::must_end(*user))
        lifecycle::end_current_thread();
    arch::enter_user_mode(user->start_eip(), user->start_esp(), scheduler::current().stack().top);
}

Thread* find_kernel_thread(ThreadId id) {
    for (Thread& thread : scheduler::all_threads()) {
        if (thread.id() == id)
            return &thread;
    }
    return nullptr;
}

} // namespace

UserThread::UserThread(Process& process, uintptr_t stack_region)
    : KernelObject(ObjectKind::Thread), m_process(process), m_stack_region(stack_region) {
    process.add_reference();
    arch::initial_fpu_state(m_fpu_state);
}

UserThread::~UserThread() {
    m_process.release();
}

void UserThread::set_waiting_for(const char* what, int number) {
    if (what == nullptr)
        m_waiting_for[0] = '\0';
    else if (number < 0)
        libk::format_buffer(m_waiting_for, sizeof m_waiting_for, "%s", what);
    else
        libk::format_buffer(m_waiting_for, sizeof m_waiting_for, "%s %d", what, number);
}

const arch::InterruptFrame* UserThread::user_registers() const {
    if (m_thread == nullptr || m_thread->statistics().times_scheduled == 0)
        return nullptr; // never ran: it has no user registers yet
    return reinterpret_cast<const arch::InterruptFrame*>(m_thread->stack().top -
                                                         sizeof(arch::InterruptFrame));
}

UserThreadList& all_user_threads() {
    return g_all_user_threads;
}

UserThread* current_user_thread() {
    return scheduler::current().user_thread();
}

libk::ErrorOr<void> start_user_thread(UserThread& thread, const char* name) {
    Process& process = thread.process();
    // One guard around it all: the new thread cannot run before it is completely set up.
    InterruptGuard guard;
    if (process.thread_count() >= MAXIMUM_THREADS_PER_PROCESS)
        return libk::Error::LimitReached;
    ThreadId id = TRY(kernel_thread::create_in_process(process, name, run_user_thread, &thread,
                                                       PRIORITY_DEFAULT, &thread));
    thread.set_id(id);
    thread.set_kernel_thread(find_kernel_thread(id));
    process.set_thread_count(process.thread_count() + 1);
    process.set_live_thread_count(process.live_thread_count() + 1);
    thread.add_reference(); // the list's
    VERIFY(g_all_user_threads.push_back(thread));
    return {};
}

void initialize_user_threads() {
    scheduler::set_switch_hook(prepare_switch);
    arch::interrupts::set_return_to_user_handler(lifecycle::on_return_to_user);
}

void forget_fpu_state_of(UserThread& thread) {
    if (g_fpu_owner == &thread)
        g_fpu_owner = nullptr;
}
