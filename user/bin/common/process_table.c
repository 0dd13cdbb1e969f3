/* The listing behind ps: two system calls (process_list and thread_list, libk/abi/types.h) and
 * a table of what they return. A thread's registers are the user-mode ones it had when it last
 * entered the kernel: a blocked thread shows where it made the call that blocked it. */
#include "process_table.h"
#include <errno.h>
#include <os.h>
#include <stdio.h>
#include <stdlib.h>

/* The kernel says how many entries exist; more may appear between two calls, so ask again with
 * room to spare until everything fitted. Returns the entries (free them) and their count. */
static void* fetch_list(int (*list)(void*, int), size_t entry_size, int* count) {
    int capacity = list(NULL, 0);
    while (capacity >= 0) {
        capacity += 8;
        void* buffer = calloc((size_t)capacity, entry_size);
        if (!buffer)
            return NULL;
        int total = list(buffer, capacity);
        if (total >= 0 && total <= capacity) {
            *count = total;
            return buffer;
        }
        free(buffer);
        capacity = total;
    }
    return NULL;
}

static int list_processes(void* buffer, int capacity) {
    return os_process_list(buffer, capacity);
}

static int list_threads(void* buffer, int capacity) {
    return os_thread_list(buffer, capacity);
}

static const char* process_state(uint32_t state) {
    return state == ABI_PROCESS_ZOMBIE ? "zombie" : "alive";
}

static const char* thread_state(uint32_t state) {
    static const char* const NAMES[] = {"ready", "running", "blocked", "sleeping", "exited"};
    return state < sizeof NAMES / sizeof NAMES[0] ? NAMES[state] : "?";
}

static unsigned long milliseconds(uint64_t nanoseconds) {
    return (unsigned long)(nanoseconds / 1000000);
}

static void print_processes(const struct abi_process_info* processes, int count) {
    printf("%5s %5s %-7s %7s %7s %5s %8s %8s %s\n", "PID", "PPID", "STATE", "THREADS", "HANDLES",
           "PAGES", "CPU ms", "SWITCHES", "NAME");
    for (int i = 0; i < count; ++i) {
        const struct abi_process_info* process = &processes[i];
        printf("%5d %5d %-7s %7u %7u %5u %8lu %8u %.16s\n", process->pid, process->parent_pid,
               process_state(process->state), process->thread_count, process->handle_count,
               process->memory_pages, milliseconds(process->cpu_time_ns), process->switches_in,
               process->name);
    }
}

static void print_registers(const struct abi_user_registers* registers) {
    printf("      eip=%08x esp=%08x ebp=%08x efl=%08x eax=%08x\n", registers->eip, registers->esp,
           registers->ebp, registers->eflags, registers->eax);
    printf("      ebx=%08x ecx=%08x edx=%08x esi=%08x edi=%08x\n", registers->ebx, registers->ecx,
           registers->edx, registers->esi, registers->edi);
}

/* Kernel threads (pid 0) have no user mode, so they get no register lines. */
static void print_threads(const struct abi_thread_info* threads, int count) {
    printf("\n%5s %5s %-8s %3s %7s %6s %7s %s\n", "TID", "PID", "STATE", "PRI", "CPU ms", "RUNS",
           "PREEMPT", "NAME / WAITING FOR");
    for (int i = 0; i < count; ++i) {
        const struct abi_thread_info* thread = &threads[i];
        printf("%5d %5d %-8s %3u %7lu %6u %7u %.12s%s%.16s\n", thread->tid, thread->pid,
               thread_state(thread->state), thread->priority, milliseconds(thread->cpu_time_ns),
               thread->times_scheduled, thread->times_preempted, thread->name,
               thread->waiting_for[0] ? " / " : "", thread->waiting_for);
        if (thread->pid != 0)
            print_registers(&thread->registers);
    }
}

int print_process_table(void) {
    int process_count = 0;
    int thread_count = 0;
    struct abi_process_info* processes =
        fetch_list(list_processes, sizeof *processes, &process_count);
    struct abi_thread_info* threads = fetch_list(list_threads, sizeof *threads, &thread_count);
    int result = -1;
    if (processes && threads) {
        print_processes(processes, process_count);
        print_threads(threads, thread_count);
        result = 0;
    }
    int error = errno; /* free must not hide why a listing failed */
    free(processes);
    free(threads);
    errno = error;
    return result;
}
