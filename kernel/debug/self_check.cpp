// See self_check.h. Each part lives with the structure it checks (Heap::check_all,
// scheduler::find_inconsistency, process_table::find_inconsistency); this file runs them with
// interrupts off, so nothing changes under the walk, and says in the log what each one found.
#include "kernel/debug/self_check.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/debug/log.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/proc/process_table.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/string.h"

namespace self_check {
namespace {

constexpr const char* SUBSYSTEM = "self-check";

size_t check_heap() {
    memory::HeapProblem problem{nullptr, 0};
    if (!memory::find_kernel_heap_problem(problem))
        return 0;
    log::error(SUBSYSTEM, "kernel heap: %s (at %#lx)", problem.description,
               static_cast<unsigned long>(problem.address));
    return 1;
}

size_t check_scheduler() {
    InterruptGuard guard;
    const Thread* culprit = nullptr;
    const char* problem = scheduler::find_inconsistency(culprit);
    if (problem == nullptr)
        return 0;
    if (culprit != nullptr)
        log::error(SUBSYSTEM, "scheduler: %s (thread %u \"%s\", state %s)", problem, culprit->id(),
                   culprit->name(), to_string(culprit->state()));
    else
        log::error(SUBSYSTEM, "scheduler: %s", problem);
    return 1;
}

size_t check_processes() {
    InterruptGuard guard;
    const Process* culprit = nullptr;
    int handle = -1;
    const char* problem = process_table::find_inconsistency(culprit, handle);
    if (problem == nullptr)
        return 0;
    if (culprit != nullptr)
        log::error(SUBSYSTEM, "processes: %s (process %u \"%s\", handle %d)", problem,
                   culprit->id(), culprit->name(), handle);
    else
        log::error(SUBSYSTEM, "processes: %s", problem);
    return 1;
}

} // namespace

bool is_allowed() {
    char value[8];
    return command_line::find("self_check", value, sizeof value) && strcmp(value, "on") == 0;
}

size_t run() {
    size_t problems = check_heap() + check_scheduler() + check_processes();
    if (problems == 0)
        log::info(SUBSYSTEM, "heap, scheduler, processes and handles are consistent");
    return problems;
}

} // namespace self_check
