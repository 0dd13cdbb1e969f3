/* What this system offers beyond POSIX: process and thread listings (for ps), the CPU
 * accounting behind them, counters for benchmarks, and the console's foreground process.
 * The structures are the kernel's own (libk/abi/types.h). Functions that return int return 0
 * (or a count), or -1 with errno set. */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

__BEGIN_DECLS

/* About process `pid`, or the caller when pid is 0: state, threads, CPU time, how many times the
 * CPU moved to it from another process (switches_in). */
int os_process_info(pid_t pid, struct abi_process_info* info);
/* Fills up to `capacity` entries; returns how many processes (or threads) exist. */
int os_process_list(struct abi_process_info* buffer, int capacity);
int os_thread_list(struct abi_thread_info* buffer, int capacity);
int os_system_info(struct abi_system_info* info);
/* Asks the kernel to check its own invariants (heap, scheduler queues, processes and handles):
 * 0 when all hold; -1 with EIO when one is broken (the serial log says which), EPERM unless the
 * kernel was started with self_check=on. */
int os_self_check(void);

uint64_t os_uptime_ms(void);
/* The CPU's time-stamp counter: cycles, for timing short things. */
uint64_t os_read_cycles(void);

/* The process that Ctrl-C ends (0: none; Ctrl-C is then read as the byte 3). */
int os_set_foreground(pid_t pid);

__END_DECLS
