// The Linux and the teaching-kernel sides of platform.h. Only this file may use anything beyond
// the common set of calls the demos rely on.

#include "platform.h"

#include <signal.h>

#ifdef __linux__
#include <sys/resource.h>
#include <unistd.h>
#else
#include <os.h>
#endif

#ifdef __linux__

const char* platform_self_path(const char* argv0) {
    (void)argv0;
    return "/proc/self/exe";
}

int platform_cpu_count(void) {
    long count = sysconf(_SC_NPROCESSORS_ONLN);
    return count > 0 ? (int)count : 1;
}

// getrusage adds up the switches of every thread of the process, living or ended; the
// per-process line of /proc/self/status would count only the main thread.
long platform_context_switches(void) {
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return usage.ru_nvcsw + usage.ru_nivcsw;
}

const char* platform_context_switches_source(void) {
    return "its threads' context switches, counted by Linux (getrusage)";
}

// glibc's mutexes and semaphores are futexes: the kernel is entered only to wait or to wake.
const char* platform_lock_path(void) {
    return "an atomic instruction in user space (a futex)";
}

// The top of the address space is the Linux kernel's own, never accessible from user mode.
uintptr_t platform_forbidden_address(void) {
#if UINTPTR_MAX > 0xFFFFFFFFu
    return (uintptr_t)0xFFFFFFFF80000000ull;
#else
    return (uintptr_t)0xC0000000u;
#endif
}

static void restore_terminal_and_stop(int signal_number) {
    static const char restore[] = "\033[0m\033[?25h\n";
    // Only async-signal-safe calls here: write and _exit.
    if (write(STDOUT_FILENO, restore, sizeof restore - 1) < 0)
        _exit(128 + signal_number);
    _exit(128 + signal_number);
}

void platform_restore_terminal_on_interrupt(void) {
    struct sigaction action = {0};
    action.sa_handler = restore_terminal_and_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, 0);
    sigaction(SIGTERM, &action, 0);
}

#else // the teaching kernel

const char* platform_self_path(const char* argv0) {
    return argv0;
}

// The kernel runs every thread on one CPU until it learns SMP.
int platform_cpu_count(void) {
    return 1;
}

// The scheduler counts, for each process, how often the CPU came to it from another process
// (another program, or the idle loop when every thread of the machine was waiting).
long platform_context_switches(void) {
    struct abi_process_info info;
    if (os_process_info(0, &info) != 0)
        return -1;
    return (long)info.switches_in;
}

const char* platform_context_switches_source(void) {
    return "times the scheduler gave it the CPU after another process";
}

// The user library has no fast path in user space: every lock, unlock, wait and post is a call
// into the kernel, where the Mutex and the Semaphore live.
const char* platform_lock_path(void) {
    return "a system call: the kernel keeps the lock (int 0x80)";
}

// The kernel lives at 0xC0000000 and above in every address space, mapped for ring 0 only.
uintptr_t platform_forbidden_address(void) {
    return (uintptr_t)0xC0000000u;
}

// The kernel has no signal handlers: Ctrl-C ends the program at once (SIGINT), with no chance
// to tidy the screen, so there is nothing to install here.
void platform_restore_terminal_on_interrupt(void) {}

#endif

const char* platform_signal_name(int signal_number) {
    switch (signal_number) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGKILL:
        return "SIGKILL";
    case SIGABRT:
        return "SIGABRT";
    case SIGILL:
        return "SIGILL";
    case SIGFPE:
        return "SIGFPE";
    default:
        return "signal";
    }
}
