// See process_info.h.
#include "kernel/proc/process_info.h"
#include "arch/interrupt_frame.h"
#include "kernel/proc/user_thread.h"
#include "kernel/time/clock.h"
#include "libk/string.h"

namespace process_info {
namespace {

uint32_t abi_state(ThreadState state) {
    switch (state) {
    case ThreadState::Ready:
        return ABI_THREAD_READY;
    case ThreadState::Running:
        return ABI_THREAD_RUNNING;
    case ThreadState::Blocked:
        return ABI_THREAD_BLOCKED;
    case ThreadState::Sleeping:
        return ABI_THREAD_SLEEPING;
    case ThreadState::Exited:
        return ABI_THREAD_EXITED;
    }
    return ABI_THREAD_BLOCKED;
}

void copy_registers(const arch::InterruptFrame& frame, abi_user_registers& registers) {
    registers = abi_user_registers{frame.eip, frame.user_esp, frame.ebp, frame.eflags, frame.eax,
                                   frame.ebx, frame.ecx,      frame.edx, frame.esi,    frame.edi};
}

} // namespace

uint64_t cpu_ticks(const Process& process) {
    uint64_t ticks = process.ended_thread_ticks();
    for (const UserThread& thread : all_user_threads()) {
        if (&thread.process() == &process && thread.kernel_thread() != nullptr &&
            !thread.has_ended())
            ticks += thread.kernel_thread()->statistics().ticks_run;
    }
    return ticks;
}

uint64_t ticks_to_nanoseconds(uint64_t ticks) {
    return ticks * 1000000000ull / clock::hz();
}

void describe(Process& process, abi_process_info& info) {
    info = abi_process_info{};
    info.pid = static_cast<int32_t>(process.id());
    info.parent_pid = process.parent() ? static_cast<int32_t>(process.parent()->id()) : 0;
    bool zombie = process.state() == ProcessState::Zombie;
    info.state = zombie ? ABI_PROCESS_ZOMBIE : ABI_PROCESS_RUNNING;
    info.wait_status = zombie ? process.wait_status() : 0;
    info.thread_count = process.live_thread_count();
    info.handle_count = static_cast<uint32_t>(process.handles().count());
    info.memory_pages = process.memory_pages();
    info.switches_in = process.switches_in();
    info.cpu_time_ns = ticks_to_nanoseconds(cpu_ticks(process));
    if (const memory::MemoryAccount* account = process.memory_account()) {
        info.charged_frames = account->charged_frames();
        info.charged_heap_bytes = static_cast<uint32_t>(account->charged_bytes());
        info.charged_pages = account->charged_pages();
        info.memory_limit_pages = account->limit_pages();
    }
    libk::copy_string(info.name, process.name(), sizeof info.name);
}

void describe(const Thread& thread, abi_thread_info& info) {
    info = abi_thread_info{};
    info.tid = static_cast<int32_t>(thread.id());
    info.pid = thread.process() ? static_cast<int32_t>(thread.process()->id()) : 0;
    info.state = abi_state(thread.state());
    info.priority = thread.priority();
    info.cpu_time_ns = ticks_to_nanoseconds(thread.statistics().ticks_run);
    info.times_scheduled = thread.statistics().times_scheduled;
    info.times_preempted = thread.statistics().times_preempted;
    libk::copy_string(info.name, thread.name(), sizeof info.name);
    const UserThread* user = thread.user_thread();
    if (user == nullptr)
        return;
    if (const arch::InterruptFrame* frame = user->user_registers())
        copy_registers(*frame, info.registers);
    if (thread.state() == ThreadState::Blocked || thread.state() == ThreadState::Sleeping)
        libk::copy_string(info.waiting_for, user->waiting_for(), sizeof info.waiting_for);
}

} // namespace process_info
