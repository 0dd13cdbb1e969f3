/* Structures, flags and limits that cross the system-call boundary (system_calls.h says which
 * call uses what). Plain C with fixed-width types, so the layout is the same for the kernel and
 * for user programs; the user headers give them their POSIX names (O_CREAT, struct timespec...).
 * Values follow Linux i386 where Linux has the same thing. */
#ifndef LIBK_ABI_TYPES_H
#define LIBK_ABI_TYPES_H

#include <stdint.h>

/* --- limits ----------------------------------------------------------------------------------- */

#define ABI_PATH_MAX 256            /* bytes in a path, NUL included */
#define ABI_OBJECT_NAME_MAX 64      /* bytes in a semaphore or shared-memory name, NUL included */
#define ABI_ARGUMENT_COUNT_MAX 32   /* argv entries a spawned program may get */
#define ABI_ARGUMENT_BYTES_MAX 4096 /* bytes of argv strings, NULs included */
#define ABI_NAME_SIZE 32            /* process and thread names in the listings, NUL included */
#define ABI_SEMAPHORE_VALUE_MAX 2147483647
#define ABI_SHARED_MEMORY_MAX (16u * 1024 * 1024)
#define ABI_THREAD_STACK_SIZE (64u * 1024) /* user stack of a thread made by thread_create */
#define ABI_MAIN_STACK_SIZE (128u * 1024)  /* user stack of a program's first thread */
#define ABI_HANDLE_MAX 256                 /* open handles per process; one more is EMFILE */
#define ABI_PROCESS_MAX 64                 /* processes at once; one more spawn is EAGAIN */
#define ABI_THREAD_MAX 64                  /* threads per process; one more is EAGAIN */
#define ABI_COPY_MEMORY_MAX 256            /* bytes one copy_memory call moves */

/* --- open, semaphore_open, shm_open ------------------------------------------------------------
 */

#define ABI_O_ACCESS_MODE 3
#define ABI_O_RDONLY 0
#define ABI_O_WRONLY 1
#define ABI_O_RDWR 2
#define ABI_O_CREAT 0100
#define ABI_O_EXCL 0200
#define ABI_O_TRUNC 01000

/* --- stat ----------------------------------------------------------------------------------------
 */

#define ABI_S_IFMT 0170000
#define ABI_S_IFDIR 0040000
#define ABI_S_IFREG 0100000

struct abi_stat {
    uint32_t mode; /* ABI_S_IFREG or ABI_S_IFDIR, with permission bits (0555: read, execute) */
    uint32_t size; /* bytes */
};

/* --- mmap
 * ------------------------------------------------------------------------------------------ */

#define ABI_PROT_NONE 0
#define ABI_PROT_READ 1
#define ABI_PROT_WRITE 2
#define ABI_PROT_EXEC 4
#define ABI_MAP_SHARED 0x01
#define ABI_MAP_FIXED 0x10

/* Six values do not fit in five argument registers, so mmap takes them in memory. */
struct abi_mmap_request {
    uint32_t address;    /* 0: the kernel chooses; otherwise a hint, or exact with ABI_MAP_FIXED */
    uint32_t length;     /* bytes, rounded up to whole pages */
    uint32_t protection; /* ABI_PROT_* */
    uint32_t flags;      /* ABI_MAP_SHARED, optionally with ABI_MAP_FIXED */
    int32_t handle;      /* a shared-memory object from shm_open */
    uint32_t offset;     /* page-aligned offset into the object */
};

/* --- clocks -------------------------------------------------------------------------------------
 */

#define ABI_CLOCK_REALTIME 0           /* seconds since 1970-01-01 UTC (the CMOS clock at boot) */
#define ABI_CLOCK_MONOTONIC 1          /* time since boot; never goes back */
#define ABI_CLOCK_PROCESS_CPUTIME_ID 2 /* CPU time used by every thread of the calling process */
#define ABI_CLOCK_THREAD_CPUTIME_ID 3  /* CPU time used by the calling thread */

struct abi_timespec {
    int32_t seconds;
    int32_t nanoseconds; /* 0 to 999 999 999 */
};

/* --- wait and kill
 * -------------------------------------------------------------------------------- */

#define ABI_WNOHANG 1

/* A wait status says how a process ended, encoded as on Linux:
 *   exited with status s (exit(s), or return s from main):  (s & 0xff) << 8
 *   ended by signal n (a fault, kill, Ctrl-C):              n, 1 <= n <= 127 */
#define ABI_WAIT_EXITED(status) (((status)&0xff) << 8)
#define ABI_WAIT_SIGNALED(signal) ((signal)&0x7f)

/* The ways a process can be ended from outside or by a fault. There are no handlers: each one
 * ends the process, and the wait status names it. */
#define ABI_SIGINT 2   /* Ctrl-C on the console */
#define ABI_SIGILL 4   /* invalid or privileged opcode */
#define ABI_SIGTRAP 5  /* breakpoint or debug trap */
#define ABI_SIGABRT 6  /* abort() */
#define ABI_SIGFPE 8   /* divide error */
#define ABI_SIGKILL 9  /* kill */
#define ABI_SIGSEGV 11 /* page fault, general protection (cli, hlt, in, out), stack overflow */
#define ABI_SIGTERM 15 /* kill, politely (it makes no difference here) */

/* --- process and thread listings (ps) ------------------------------------------------------------
 */

#define ABI_PROCESS_RUNNING 0 /* at least one thread has not ended */
#define ABI_PROCESS_ZOMBIE 1  /* ended; its parent has not waited for it yet */

struct abi_process_info {
    int32_t pid;
    int32_t parent_pid;    /* 0 for processes the kernel started */
    uint32_t state;        /* ABI_PROCESS_* */
    int32_t wait_status;   /* how it ended, valid when state is ABI_PROCESS_ZOMBIE */
    uint32_t thread_count; /* threads that have not ended */
    uint32_t handle_count; /* open handles */
    uint32_t memory_pages; /* user pages mapped (code, data, heap, stacks, shared memory) */
    uint32_t switches_in;  /* times the CPU moved to this process from another process */
    uint64_t cpu_time_ns;  /* CPU time used by all its threads, ended ones included */
    /* What the kernel has allocated for it (docs/memory.md): frames (user pages, page tables,
     * kernel stacks of its threads, frames of the shared-memory objects it created) and bytes of
     * kernel heap (its threads', mutexes', semaphores', files' and shared-memory objects'
     * bookkeeping). charged_pages is the frames plus the heap bytes in whole pages: a request
     * that would take it past memory_limit_pages fails with ENOMEM (memlimit=N MiB on the kernel
     * command line). */
    uint32_t charged_frames;
    uint32_t charged_heap_bytes;
    uint32_t charged_pages;
    uint32_t memory_limit_pages;
    char name[ABI_NAME_SIZE]; /* program name, e.g. "hello" */
};

#define ABI_THREAD_READY 0
#define ABI_THREAD_RUNNING 1
#define ABI_THREAD_BLOCKED 2 /* waiting for a mutex, semaphore, join, wait or input */
#define ABI_THREAD_SLEEPING 3
#define ABI_THREAD_EXITED 4 /* ended, not yet joined */

/* User-mode registers of a thread as saved at its last entry into the kernel (zero for kernel
 * threads, which have no user mode). */
struct abi_user_registers {
    uint32_t eip, esp, ebp, eflags;
    uint32_t eax, ebx, ecx, edx, esi, edi;
};

struct abi_thread_info {
    int32_t tid;
    int32_t pid; /* 0 for kernel threads */
    uint32_t state;
    uint32_t priority;
    uint64_t cpu_time_ns;
    uint32_t times_scheduled; /* switches to this thread */
    uint32_t times_preempted; /* switches away from it that it did not ask for */
    struct abi_user_registers registers;
    char name[ABI_NAME_SIZE];
    char waiting_for[ABI_NAME_SIZE]; /* what a blocked thread waits for ("mutex 3"), else "" */
};

struct abi_system_info {
    uint64_t uptime_ms;
    uint32_t total_frames; /* 4 KiB physical frames the kernel manages */
    uint32_t free_frames;
    uint32_t kernel_heap_used; /* bytes allocated from the kernel heap */
    uint32_t process_count;
    uint32_t thread_count;
    uint32_t timer_hz;
    /* Free frames that no allocation on behalf of a program may take: programs get ENOMEM
     * first, so free_frames stays at or above this unless the kernel itself needs them. */
    uint32_t reserved_frames;
    /* Frames the kernel keeps with the read-only segments of programs that no process runs now
     * (the program-image cache), so the next spawn of them is cheap. Not in free_frames; given
     * back before a program is refused memory. A leak check counts free_frames plus these. */
    uint32_t unused_program_frames;
};

#endif
