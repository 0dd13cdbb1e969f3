// The table of processes: every user process from the moment spawn makes it until its parent
// has collected its wait status (a zombie is still in the table). It hands out process ids,
// which count up from 1 and are never reused while the kernel runs, so a stale id finds nothing
// rather than another process. The table holds one reference to each process.
//
// The list and the ids are protected by disabling interrupts (Ctrl-C looks a process up from an
// interrupt handler).
#pragma once

#include "kernel/proc/process.h"
#include "libk/abi/types.h"

namespace process_table {

// Processes that may exist at once (spawn fails with EAGAIN beyond).
constexpr uint32_t MAXIMUM_PROCESSES = ABI_PROCESS_MAX;

// A new process id, or LimitReached when the table is full.
libk::ErrorOr<ProcessId> reserve_id();
// Gives back an id from reserve_id that no process got.
void cancel_reservation();

// Adds a process made with a reserved id; the table takes over the caller's reference.
void add(Process& process);
// Takes a process out and returns the table's reference to the caller. Interrupts disabled.
Process* remove(Process& process);

// The process with this id (kernel process included, id 0), or nullptr. Interrupts disabled.
Process* find(ProcessId id);
// The same, with a reference for the caller; NoSuchProcess.
libk::ErrorOr<Ref<Process>> find_shared(ProcessId id);

// Every user process, oldest first. Interrupts disabled.
ProcessList& all();
uint32_t count();

// The first process (init), which adopts orphans, or nullptr when none runs.
Process* init_process();
void set_init_process(Process* process);

// For the kernel's self-check, with interrupts disabled: nullptr when every process in the table
// is sound (its handle table, the objects behind it, a zombie with no live threads), otherwise
// what is broken; `culprit` and `handle` say where (handle -1: not one handle).
const char* find_inconsistency(const Process*& culprit, int& handle);

} // namespace process_table
