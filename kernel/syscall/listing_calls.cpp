// What ps and the leak checks read: process_info, process_list, thread_list, system_info
// (libk/abi/system_calls.h has the contracts). Each listing is a snapshot taken with interrupts
// disabled into a kernel buffer, then copied out, so it is consistent even while processes come
// and go.
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/memory/layout.h"
#include "kernel/proc/process_info.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/syscall/calls.h"
#include "kernel/time/clock.h"
#include "libk/new.h"

namespace system_call {
namespace {

// Up to `capacity` entries of what `fill` snapshots; returns how many exist in all.
template <typename Info, typename Fill>
Result list(uint32_t buffer, uint32_t capacity, Fill fill) {
    if (static_cast<int32_t>(capacity) < 0)
        return libk::Error::InvalidArgument;
    if (capacity > memory::USER_END / sizeof(Info))
        return libk::Error::BadAddress; // no buffer that large fits in user space
    Process& process = current_process();
    TRY(process.check_user_range(buffer, capacity * sizeof(Info),
                                 memory::AddressSpace::Access::Write));
    // Room for what exists now and a few more that may appear before the snapshot, at most.
    size_t room = fill(nullptr, 0) + 8;
    room = room < capacity ? room : capacity;
    auto* entries = room > 0 ? new (std::nothrow) Info[room] : nullptr;
    if (room > 0 && entries == nullptr)
        return libk::Error::OutOfMemory;
    size_t total = fill(entries, room);
    size_t copied = total < room ? total : room;
    libk::ErrorOr<void> result = process.copy_to_user(buffer, entries, copied * sizeof(Info));
    delete[] entries;
    TRY(result);
    return static_cast<uint32_t>(total);
}

size_t snapshot_processes(abi_process_info* entries, size_t room) {
    InterruptGuard guard;
    size_t count = 0;
    for (Process& process : process_table::all()) {
        if (count < room)
            process_info::describe(process, entries[count]);
        ++count;
    }
    return count;
}

size_t snapshot_threads(abi_thread_info* entries, size_t room) {
    InterruptGuard guard;
    size_t count = 0;
    for (const Thread& thread : scheduler::all_threads()) {
        if (count < room)
            process_info::describe(thread, entries[count]);
        ++count;
    }
    return count;
}

} // namespace

Result process_info(uint32_t pid, uint32_t info) {
    abi_process_info value;
    {
        InterruptGuard guard;
        Process* process = pid == 0 ? &current_process() : process_table::find(pid);
        if (process == nullptr || process->is_kernel())
            return libk::Error::NoSuchProcess;
        process_info::describe(*process, value);
    }
    TRY(current_process().copy_to_user(info, &value, sizeof value));
    return 0;
}

Result process_list(uint32_t buffer, uint32_t capacity) {
    return list<abi_process_info>(buffer, capacity, snapshot_processes);
}

Result thread_list(uint32_t buffer, uint32_t capacity) {
    return list<abi_thread_info>(buffer, capacity, snapshot_threads);
}

Result system_info(uint32_t info) {
    abi_system_info value{};
    value.uptime_ms = clock::uptime_ms();
    value.total_frames = memory::total_frame_count();
    value.free_frames = memory::free_frame_count();
    value.kernel_heap_used = static_cast<uint32_t>(memory::kernel_heap_statistics().bytes_in_use);
    value.process_count = process_table::count();
    {
        InterruptGuard guard;
        value.thread_count = static_cast<uint32_t>(scheduler::all_threads().size());
    }
    value.timer_hz = clock::hz();
    value.reserved_frames = memory::FRAMES_RESERVED_FOR_THE_KERNEL;
    value.unused_program_frames = program_images::unused_frame_count();
    TRY(current_process().copy_to_user(info, &value, sizeof value));
    return 0;
}

} // namespace system_call
