// The few things the demos need that differ between Linux and the teaching kernel. Everything
// else in the demos is plain C11 plus POSIX calls that both systems provide, so this header is
// the one place to look (and to edit) when a demo moves from one system to the other.
#pragma once

#include <stdint.h>

#ifdef __linux__
#define PLATFORM_NAME "Linux"
#else
#define PLATFORM_NAME "the teaching kernel"
#endif

// The path that runs this very program again, for posix_spawn. On Linux argv[0] may be a bare
// name found through PATH, so /proc/self/exe is used; the kernel starts programs by their path.
const char* platform_self_path(const char* argv0);

// How many CPUs can run threads at the same moment.
int platform_cpu_count(void);

// How many times the scheduler moved the CPU to or away from this process's threads (the power
// coming to or leaving the workshop), or -1 when the system gives no way to ask. Linux counts
// every context switch of the process's threads; the teaching kernel counts the times the CPU
// came to the process from another one.
long platform_context_switches(void);

// What the number above counts, for the summary (one line, under 60 characters).
const char* platform_context_switches_source(void);

// What a lock or an unlock with nobody waiting costs on this system, in words, for the kitchen's
// comparison of a mutex and a semaphore (under 60 characters).
const char* platform_lock_path(void);

// An address this process can never touch: it belongs to the kernel, so any access ends the
// process with a memory fault.
uintptr_t platform_forbidden_address(void);

// When the user interrupts a demo drawing a picture (Ctrl-C), give the terminal its cursor and
// colours back. Does nothing where there is no such interruption.
void platform_restore_terminal_on_interrupt(void);

// The name of a signal that ended a process, for reports ("SIGSEGV"), or "signal" if unknown.
const char* platform_signal_name(int signal_number);
