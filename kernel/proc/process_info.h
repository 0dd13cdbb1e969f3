// What ps shows: snapshots of processes and threads in the shapes of libk/abi/types.h
// (abi_process_info, abi_thread_info). Filled with interrupts disabled, so each is consistent.
#pragma once

#include "kernel/proc/process.h"
#include "kernel/sched/thread.h"
#include "libk/abi/types.h"

namespace process_info {

// Timer ticks used by every thread of the process, ended ones included. Interrupts disabled.
uint64_t cpu_ticks(const Process& process);
// Nanoseconds of `ticks` at the timer's rate.
uint64_t ticks_to_nanoseconds(uint64_t ticks);

// Interrupts disabled.
void describe(Process& process, abi_process_info& info);
void describe(const Thread& thread, abi_thread_info& info);

} // namespace process_info
