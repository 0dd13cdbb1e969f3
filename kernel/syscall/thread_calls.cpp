// Threads: thread_create, thread_exit, thread_join, set_thread_pointer, yield, sleep_ms
// (libk/abi/system_calls.h has the contract of each).
#include "arch/gdt.h"
#include "kernel/proc/blocking.h"
#include "kernel/proc/user_layout.h"
#include "kernel/proc/user_memory.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/calls.h"
#include "libk/new.h"

namespace system_call {
namespace {

// The stack of a new thread, as if `entry(argument)` had just been called (program_start.h):
// a zero return address, then the argument, with esp + 4 16-byte aligned.
libk::ErrorOr<uint32_t> prepare_stack(Process& process, uintptr_t region, uint32_t argument) {
    uint32_t top = region + user_layout::THREAD_STACK_REGION_SIZE;
    uint32_t esp = top - 16 - 4;
    uint32_t words[2] = {0, argument};
    TRY(process.copy_to_user(esp, words, sizeof words));
    return esp;
}

// A thread that could not be started ends at once, for whoever joins it already.
void mark_never_started(UserThread& thread) {
    InterruptGuard guard;
    thread.set_ended();
    thread.joiners().wake_all();
}

void free_stack(Process& process, uintptr_t region) {
    MutexLocker locker(process.memory_lock());
    int index = process.regions().find(region);
    if (index >= 0) // munmap never removes a thread stack, but a check costs nothing
        user_memory::unmap_region(process, process.regions().remove_at(static_cast<size_t>(index)));
}

// Makes the thread, opens its handle, and lets it run; returns the handle.
libk::ErrorOr<int> start_thread(Process& process, uintptr_t region, uint32_t entry,
                                uint32_t argument) {
    uint32_t esp = TRY(prepare_stack(process, region, argument));
    UserThread* thread = TRY(make_charged<UserThread>(process, process, region));
    Ref<UserThread> reference = Ref<UserThread>::adopt(thread);
    thread->set_start(entry, esp);
    // The handle first: once the thread runs it may end, and its handle must exist by then.
    int handle =
        TRY(process.handles().add(Ref<KernelObject>::share(*thread), HandleAccess::ReadWrite));
    libk::ErrorOr<void> started = start_user_thread(*thread, process.name());
    if (started.is_error()) {
        mark_never_started(*thread);
        (void)process.handles().remove(handle);
        return started.error();
    }
    return handle;
}

} // namespace

Result thread_create(uint32_t entry, uint32_t argument) {
    if (entry < memory::USER_START || entry >= memory::USER_END)
        return libk::Error::BadAddress;
    Process& process = current_process();
    if (process.thread_count() >= MAXIMUM_THREADS_PER_PROCESS)
        return libk::Error::LimitReached;
    uintptr_t region = TRY(user_memory::map_thread_stack(process));
    libk::ErrorOr<int> handle = start_thread(process, region, entry, argument);
    if (handle.is_error()) {
        free_stack(process, region);
        return handle.error();
    }
    return static_cast<uint32_t>(handle.value());
}

Result thread_exit(uint32_t value) {
    InterruptGuard guard;
    // The thread ends on its way out of this call (lifecycle::on_return_to_user).
    current_user_thread()->request_exit(value);
    return 0;
}

Result thread_join(uint32_t handle, uint32_t value_address) {
    Process& process = current_process();
    Ref<UserThread> thread = TRY(process.handles().get<UserThread>(static_cast<int>(handle)));
    if (thread.get() == current_user_thread())
        return libk::Error::WouldDeadlock;
    if (value_address != 0)
        TRY(process.check_user_range(value_address, sizeof(uint32_t),
                                     memory::AddressSpace::Access::Write));
    uint32_t value;
    {
        InterruptGuard guard;
        if (thread->is_being_joined())
            return libk::Error::InvalidArgument;
        thread->set_being_joined(true);
        libk::ErrorOr<void> waited;
        while (!thread->has_ended() && !waited.is_error())
            waited = blocking::wait_on_handle(thread->joiners(), "thread", static_cast<int>(handle),
                                              *thread);
        thread->set_being_joined(false);
        TRY(waited);
        value = thread->exit_value();
    }
    if (value_address != 0)
        TRY(process.copy_to_user(value_address, &value, sizeof value));
    return 0;
}

Result set_thread_pointer(uint32_t pointer) {
    InterruptGuard guard;
    current_user_thread()->set_thread_pointer(pointer);
    // The segment's base for the running thread; %gs picks it up on the way back to user mode.
    arch::set_thread_pointer_base(pointer);
    return 0;
}

Result yield() {
    this_thread::yield();
    return 0;
}

Result sleep_ms(uint32_t milliseconds) {
    TRY(blocking::sleep_ms(milliseconds));
    return 0;
}

} // namespace system_call
