// See teardown.h.
#include "kernel/proc/teardown.h"
#include "kernel/proc/blocking.h"
#include "kernel/proc/process.h"
#include "kernel/proc/user_memory.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sync/interrupt_guard.h"

libk::ErrorOr<void> close_handle(Process& process, int handle) {
    Ref<KernelObject> object = TRY(process.handles().remove(handle));
    {
        // From here no new wait can start on the handle (blocking::wait_on_handle checks it).
        InterruptGuard guard;
        blocking::cancel_waits_on_handle(process, handle);
    }
    object->handle_closed(process);
    return {};
}

void close_all_handles(Process& process) {
    for (int handle = 0; handle < HandleTable::CAPACITY; ++handle)
        (void)close_handle(process, handle); // BadHandle for the slots that are not open
}

void free_thread_stack(Process& process, UserThread& thread) {
    if (thread.stack_region() == 0)
        return; // the main thread's stack stays until the address space goes
    MutexLocker locker(process.memory_lock());
    int index = process.regions().find(thread.stack_region());
    if (index >= 0)
        user_memory::unmap_region(process, process.regions().remove_at(static_cast<size_t>(index)));
}

void return_resources(Process& process) {
    close_all_handles(process);
    if (!process.has_address_space())
        return;
    {
        MutexLocker locker(process.memory_lock());
        // Shared pages first: their frames belong to the objects, not to the address space.
        while (process.regions().count() > 0)
            user_memory::unmap_region(process,
                                      process.regions().remove_at(process.regions().count() - 1));
    }
    process.destroy_address_space();
}
