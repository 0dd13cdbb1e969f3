// See process_table.h.
#include "kernel/proc/process_table.h"
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/sync/interrupt_guard.h"

namespace process_table {
namespace {

// All protected by disabling interrupts.
constinit ProcessList g_processes;
ProcessId g_next_id = 1;
uint32_t g_reserved = 0; // ids handed out by reserve_id whose process is not in the list yet
Process* g_init = nullptr;

} // namespace

libk::ErrorOr<ProcessId> reserve_id() {
    InterruptGuard guard;
    if (g_processes.size() + g_reserved >= MAXIMUM_PROCESSES)
        return libk::Error::LimitReached;
    ++g_reserved;
    return g_next_id++;
}

void cancel_reservation() {
    InterruptGuard guard;
    VERIFY(g_reserved > 0);
    --g_reserved;
}

void add(Process& process) {
    InterruptGuard guard;
    VERIFY(g_reserved > 0);
    --g_reserved;
    VERIFY(g_processes.push_back(process));
}

Process* remove(Process& process) {
    VERIFY(!arch::interrupts_enabled());
    VERIFY(g_processes.remove(process));
    if (g_init == &process)
        g_init = nullptr;
    return &process;
}

Process* find(ProcessId id) {
    VERIFY(!arch::interrupts_enabled());
    if (id == 0)
        return &kernel_process();
    for (Process& process : g_processes) {
        if (process.id() == id)
            return &process;
    }
    return nullptr;
}

libk::ErrorOr<Ref<Process>> find_shared(ProcessId id) {
    InterruptGuard guard;
    Process* process = find(id);
    if (process == nullptr)
        return libk::Error::NoSuchProcess;
    return Ref<Process>::share(*process);
}

ProcessList& all() {
    return g_processes;
}

uint32_t count() {
    InterruptGuard guard;
    return static_cast<uint32_t>(g_processes.size());
}

Process* init_process() {
    return g_init;
}

void set_init_process(Process* process) {
    InterruptGuard guard;
    g_init = process;
}

const char* find_inconsistency(const Process*& culprit, int& handle) {
    handle = -1;
    for (Process& process : g_processes) {
        culprit = &process;
        if (process.state() == ProcessState::Zombie && process.live_thread_count() != 0)
            return "a zombie process has live threads";
        if (process.state() == ProcessState::Zombie && process.handles().count() != 0)
            return "a zombie process still has open handles";
        if (const char* problem = process.handles().find_inconsistency(handle))
            return problem;
    }
    culprit = nullptr;
    return nullptr;
}

} // namespace process_table
