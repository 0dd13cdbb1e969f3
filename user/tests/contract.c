/* User test: every error a system call returns is one its contract lists. Two parts:
 *
 * - The cases where the kernel did something else than POSIX: an unaligned mmap hint without
 *   MAP_FIXED is a hint (a mapping nearby, not EINVAL); spawn of a directory is EACCES; a path
 *   that goes on after a regular file's name ("/bin/hello/") is ENOTDIR; shm_open with O_TRUNC
 *   on a mapped object is EBUSY; open with O_CREAT | O_EXCL of an existing file is EEXIST.
 * - A sweep of every call with hostile arguments (bad pointers, strings and handles of every
 *   kind, boundary numbers): every error that comes back must be in the table generated from
 *   the comments of libk/abi/system_calls.h (build/generated/documented_errors.h). The kernel
 *   checks the same table for every call of every test (kernel/syscall/contract.cpp); this test
 *   makes sure each call is tried with arguments that reach its error paths.
 *
 * Calls that would end or block the process (exit, thread_exit, reading the console, waiting
 * for a child that runs) or change what the library relies on (set_thread_pointer, brk upward)
 * are swept only with arguments that fail or return at once. */
#include "check.h"
#include "documented_errors.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGE_SIZE = 4096 };

#define UNMAPPED 0x3FFFF000u /* below the area of thread stacks and mappings: never mapped */
#define SEMAPHORE_NAME "/contract-semaphore"
#define MEMORY_NAME "/contract-memory"

static const char* g_self;
static const char g_read_only[16] = "read only";
static int g_tried[SYSCALL_COUNT]; /* calls made per number */

/* --- the POSIX cases --------------------------------------------------------------------- */

static int make_shared_memory(const char* name, uint32_t size) {
    shm_unlink(name);
    int handle = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
    expect_that(handle >= 0 && ftruncate(handle, size) == 0, "%s: could not make it (%s)", name,
                strerror(errno));
    return handle;
}

static void check_mmap_hints(void) {
    int memory = make_shared_memory(MEMORY_NAME, PAGE_SIZE);
    /* Learn a free address, give it back, then hint one byte past it: the page after. */
    char* free_page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memory, 0);
    EXPECT_TRUE(free_page != MAP_FAILED);
    EXPECT_VALUE(munmap(free_page, PAGE_SIZE), 0);
    char* hinted = mmap(free_page + 1, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memory, 0);
    EXPECT_VALUE((uintptr_t)hinted, (uintptr_t)(free_page + PAGE_SIZE));
    if (hinted != MAP_FAILED) {
        hinted[0] = 'x'; /* really mapped */
        EXPECT_VALUE(munmap(hinted, PAGE_SIZE), 0);
    }
    /* Unaligned hints that are taken, in the kernel, or wrap: a mapping somewhere else. */
    const uintptr_t hints[] = {(uintptr_t)g_self | 1, 0xC0000123u, 0xFFFFFFFFu, 0xFFFu};
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; ++i) {
        check_context("hint %#lx", (unsigned long)hints[i]);
        char* page =
            mmap((void*)hints[i], PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memory, 0);
        expect_that(page != MAP_FAILED && (uintptr_t)page % PAGE_SIZE == 0 &&
                        (uintptr_t)page < 0xC0000000u,
                    "expected a page-aligned user address, got %p (%s)", (void*)page,
                    page == MAP_FAILED ? strerror(errno) : "mapped");
        if (page != MAP_FAILED) {
            page[1] = 'y';
            munmap(page, PAGE_SIZE);
        }
    }
    check_context(NULL);
    /* With MAP_FIXED the address is not a hint: unaligned stays EINVAL. */
    EXPECT_ERRNO(mmap(free_page + 1, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_FIXED, memory, 0),
                 EINVAL);
    close(memory);
    shm_unlink(MEMORY_NAME);
}

static void check_paths(void) {
    pid_t child;
    char path[ABI_PATH_MAX];
    snprintf(path, sizeof path, "%s/", g_self);
    struct stat status;
    EXPECT_VALUE(posix_spawn(&child, "/bin", NULL, NULL, NULL, NULL), EACCES);
    EXPECT_VALUE(posix_spawn(&child, "/tests/", NULL, NULL, NULL, NULL), EACCES);
    EXPECT_VALUE(posix_spawn(&child, path, NULL, NULL, NULL, NULL), ENOTDIR);
    EXPECT_ERRNO(open(path, O_RDONLY), ENOTDIR);
    EXPECT_ERRNO(stat(path, &status), ENOTDIR);
    snprintf(path, sizeof path, "%s/more", g_self);
    EXPECT_ERRNO(open(path, O_RDONLY), ENOTDIR);
    EXPECT_ERRNO(stat(path, &status), ENOTDIR);
    /* A directory's trailing slash is fine, and so is a missing name under a directory. */
    EXPECT_VALUE(stat("/tests/", &status), 0);
    EXPECT_TRUE(S_ISDIR(status.st_mode));
    EXPECT_ERRNO(open("/tests/", O_RDONLY), EISDIR);
    EXPECT_ERRNO(open("/tests/no-such-test", O_RDONLY), ENOENT);
    /* O_CREAT on the read-only initrd. */
    EXPECT_ERRNO(open(g_self, O_RDONLY | O_CREAT | O_EXCL), EEXIST);
    EXPECT_ERRNO(open("/tests/no-such-test", O_RDONLY | O_CREAT), EROFS);
    int handle = open(g_self, O_RDONLY | O_CREAT);
    EXPECT_TRUE(handle >= 0); /* exists: opened as it is */
    close(handle);
}

static void check_shared_memory_truncation(void) {
    int memory = make_shared_memory(MEMORY_NAME, PAGE_SIZE);
    char* page = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memory, 0);
    EXPECT_TRUE(page != MAP_FAILED);
    if (page != MAP_FAILED) {
        page[0] = 'k';
        EXPECT_ERRNO(shm_open(MEMORY_NAME, O_RDWR | O_TRUNC, 0), EBUSY);
        EXPECT_VALUE(page[0], 'k'); /* nothing was taken from under the mapping */
        EXPECT_VALUE(munmap(page, PAGE_SIZE), 0);
    }
    /* Unmapped, the same open truncates: the object is empty, mapping it is ENXIO. */
    int again = shm_open(MEMORY_NAME, O_RDWR | O_TRUNC, 0);
    EXPECT_TRUE(again >= 0);
    EXPECT_ERRNO(mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, memory, 0), ENXIO);
    close(again);
    close(memory);
    shm_unlink(MEMORY_NAME);
}

/* --- the sweep --------------------------------------------------------------------------- */

static const struct abi_documented_errors* contract_of(int number) {
    for (size_t i = 0; i < sizeof ABI_DOCUMENTED_ERRORS / sizeof ABI_DOCUMENTED_ERRORS[0]; ++i) {
        if (ABI_DOCUMENTED_ERRORS[i].number == number)
            return &ABI_DOCUMENTED_ERRORS[i];
    }
    return NULL;
}

static int is_listed(const struct abi_documented_errors* contract, int error) {
    for (size_t i = 0; contract->errors[i] != 0; ++i) {
        if (contract->errors[i] == error)
            return 1;
    }
    return 0;
}

/* Makes the call and checks that a failure is one its contract lists. */
static long try_call(int number, uint32_t a, uint32_t b, uint32_t c) {
    long result = raw_call(number, a, b, c);
    const struct abi_documented_errors* contract = contract_of(number);
    ++g_tried[number];
    if (contract == NULL) {
        expect_that(0, "call %d has no contract in libk/abi/system_calls.h", number);
        return result;
    }
    expect_that(!is_error(result) || is_listed(contract, (int)-result),
                "%s(%#x, %#x, %#x) returned %s, which its contract does not list", contract->name,
                (unsigned)a, (unsigned)b, (unsigned)c, error_name((int)-result));
    return result;
}

/* Closes a handle the sweep opened by accident of a valid argument. */
static void drop_handle(long result) {
    if (!is_error(result))
        close((int)result);
}

static const uint32_t POINTERS[] = {0, 0xFFF, UNMAPPED, 0xC0000000u, 0xC0100000u, 0xFFFFFFFCu};
static const uint32_t NUMBERS[] = {0, 1, 2, 3, 0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu};
#define COUNT(array) (sizeof array / sizeof array[0])

/* Handles of every kind (no console: reading it would block), and numbers that are none. */
struct Handles {
    uint32_t all[10];
    int file, mutex, semaphore, full_semaphore, memory, read_only_memory;
};

static void open_handles(struct Handles* handles) {
    handles->file = open(g_self, O_RDONLY);
    handles->mutex = (int)raw_call(SYSCALL_MUTEX_CREATE);
    handles->semaphore = (int)raw_call(SYSCALL_SEMAPHORE_CREATE, 1000); /* waits never block */
    handles->full_semaphore = (int)raw_call(SYSCALL_SEMAPHORE_CREATE, ABI_SEMAPHORE_VALUE_MAX);
    handles->memory = make_shared_memory(MEMORY_NAME, PAGE_SIZE);
    handles->read_only_memory = shm_open(MEMORY_NAME, O_RDONLY, 0);
    int closed = open(g_self, O_RDONLY);
    close(closed);
    uint32_t all[] = {handles->file,
                      handles->mutex,
                      handles->semaphore,
                      handles->full_semaphore,
                      handles->memory,
                      handles->read_only_memory,
                      closed,
                      -1,
                      0x7FFFFFFF,
                      4096};
    memcpy(handles->all, all, sizeof all);
}

static void close_handles(struct Handles* handles) {
    for (size_t i = 0; i < 6; ++i)
        close((int)handles->all[i]);
    shm_unlink(MEMORY_NAME);
}

/* Strings: bad pointers, a name too long, and names of every shape ("/bin" is a good name for
 * a semaphore: the sweep unlinks it again). */
static const char* g_strings[13];

static void make_strings(void) {
    static char too_long[ABI_PATH_MAX + 8];
    static char past_file[ABI_PATH_MAX];
    memset(too_long, 'n', sizeof too_long - 1);
    too_long[0] = '/';
    snprintf(past_file, sizeof past_file, "%s/", g_self);
    const char* strings[] = {
        "",       "/",         "/bin",   "/bin/",         "noslash",          "/a/b",
        too_long, g_read_only, (char*)0, (char*)UNMAPPED, (char*)0xC0000000u, g_self,
        past_file};
    memcpy(g_strings, strings, sizeof strings);
}

static void sweep_spawn_and_wait(void) {
    int status;
    char* argv[] = {(char*)g_self, "quiet", NULL};
    char* bad_argv[] = {(char*)g_self, (char*)UNMAPPED, NULL};
    for (size_t i = 0; i < COUNT(g_strings); ++i) {
        long child = try_call(SYSCALL_SPAWN, (uint32_t)g_strings[i], (uint32_t)argv, 0);
        if (!is_error(child))
            waitpid((pid_t)child, &status, 0);
    }
    for (size_t i = 1; i < COUNT(POINTERS); ++i) /* not 0: a NULL argv is a valid one */
        try_call(SYSCALL_SPAWN, (uint32_t)g_self, POINTERS[i], 0);
    try_call(SYSCALL_SPAWN, (uint32_t)g_self, (uint32_t)bad_argv, 0);
    /* No child runs now, so wait never blocks. */
    for (size_t i = 0; i < COUNT(NUMBERS); ++i) {
        for (size_t j = 0; j < COUNT(NUMBERS); ++j)
            try_call(SYSCALL_WAIT, NUMBERS[i], (uint32_t)&status, NUMBERS[j]);
        try_call(SYSCALL_WAIT, -1, POINTERS[i % COUNT(POINTERS)], 0);
    }
}

static void sweep_processes_and_time(void) {
    /* kill: never a real signal to a real process, but to init, which refuses. */
    for (size_t i = 0; i < COUNT(NUMBERS); ++i) {
        try_call(SYSCALL_KILL, 0x7FFFFFFF, NUMBERS[i], 0);
        try_call(SYSCALL_KILL, NUMBERS[i], 99, 0);
        try_call(SYSCALL_CONSOLE_SET_FOREGROUND, NUMBERS[i] | 0x40000000u, 0, 0); /* no such pid */
    }
    try_call(SYSCALL_KILL, 1, ABI_SIGKILL, 0);
    try_call(SYSCALL_KILL, getpid(), 0, 0);
    try_call(SYSCALL_GETPID, 0, 0, 0);
    try_call(SYSCALL_GETTID, 0, 0, 0);
    try_call(SYSCALL_YIELD, 0, 0, 0);
    try_call(SYSCALL_SLEEP_MS, 1, 0, 0);
    try_call(SYSCALL_SELF_CHECK, 0, 0, 0); /* EPERM without self_check=on */
    for (size_t i = 0; i < COUNT(POINTERS); ++i) {
        uint32_t pointer = POINTERS[i];
        for (size_t j = 0; j < COUNT(NUMBERS); ++j) {
            try_call(SYSCALL_PROCESS_INFO, NUMBERS[j], pointer, 0);
            try_call(SYSCALL_PROCESS_LIST, pointer, NUMBERS[j], 0);
            try_call(SYSCALL_THREAD_LIST, pointer, NUMBERS[j], 0);
            try_call(SYSCALL_CLOCK_GETTIME, NUMBERS[j], pointer, 0);
        }
        try_call(SYSCALL_SYSTEM_INFO, pointer, 0, 0);
        try_call(SYSCALL_UPTIME_MS, pointer, 0, 0);
        try_call(SYSCALL_READ_CYCLES, pointer, 0, 0);
        if (pointer != UNMAPPED) /* an entry in user space would start a thread that faults */
            try_call(SYSCALL_THREAD_CREATE, pointer, 0, 0);
    }
}

static void sweep_names(void) {
    char buffer[16];
    const uint32_t flags[] = {0,           1,
                              2,           3,
                              ABI_O_CREAT, ABI_O_CREAT | ABI_O_EXCL,
                              ABI_O_TRUNC, ABI_O_RDWR | ABI_O_TRUNC,
                              0x80000000u};
    for (size_t i = 0; i < COUNT(g_strings); ++i) {
        uint32_t string = (uint32_t)g_strings[i];
        for (size_t j = 0; j < COUNT(flags); ++j) {
            drop_handle(try_call(SYSCALL_OPEN, string, flags[j], 0));
            drop_handle(try_call(SYSCALL_SEMAPHORE_OPEN, string, flags[j], 1));
            drop_handle(try_call(SYSCALL_SHM_OPEN, string, flags[j] | ABI_O_RDWR, 0));
        }
        try_call(SYSCALL_SEMAPHORE_OPEN, string, ABI_O_CREAT, 0xFFFFFFFFu);
        try_call(SYSCALL_STAT, string, (uint32_t)buffer, 0);
        /* Twice: the name goes, then it is not there. */
        for (int twice = 0; twice < 2; ++twice) {
            try_call(SYSCALL_SEMAPHORE_UNLINK, string, 0, 0);
            try_call(SYSCALL_SHM_UNLINK, string, 0, 0);
        }
    }
    for (size_t i = 0; i < COUNT(POINTERS); ++i)
        try_call(SYSCALL_STAT, (uint32_t)g_self, POINTERS[i], 0);
}

static void sweep_handles(const struct Handles* handles) {
    char buffer[16];
    for (size_t i = 0; i < COUNT(handles->all); ++i) {
        uint32_t handle = handles->all[i];
        for (size_t j = 0; j < COUNT(POINTERS); ++j) {
            try_call(SYSCALL_READ, handle, POINTERS[j], 4);
            try_call(SYSCALL_WRITE, handle, POINTERS[j], 4);
        }
        try_call(SYSCALL_READ, handle, (uint32_t)buffer, sizeof buffer);
        try_call(SYSCALL_WRITE, handle, (uint32_t)buffer, 0);
        for (size_t j = 0; j < COUNT(NUMBERS); ++j)
            try_call(SYSCALL_FTRUNCATE, handle, NUMBERS[j], 0);
        try_call(SYSCALL_FTRUNCATE, handle, PAGE_SIZE, 0); /* the size mmap below maps */
    }
}

static void sweep_memory(void) {
    char buffer[16];
    for (size_t i = 0; i < COUNT(NUMBERS); ++i) {
        for (size_t j = 0; j < COUNT(NUMBERS); ++j)
            try_call(SYSCALL_MUNMAP, NUMBERS[i], NUMBERS[j], 0);
        for (size_t j = 0; j < COUNT(POINTERS); ++j) {
            try_call(SYSCALL_COPY_MEMORY, POINTERS[j], (uint32_t)buffer, NUMBERS[i]);
            try_call(SYSCALL_COPY_MEMORY, (uint32_t)buffer, POINTERS[j], NUMBERS[i]);
        }
    }
    /* Below the heap's start, into the program or the kernel: refused, the break unchanged. */
    const uint32_t breaks[] = {0, 1, 0x1000, 0x00400000u, 0xC0000000u, 0xFFFFFFFFu};
    for (size_t i = 0; i < COUNT(breaks); ++i)
        try_call(SYSCALL_BRK, breaks[i], 0, 0);
}

/* mmap's request: each field hostile in turn, the others valid. */
static void sweep_mmap(const struct Handles* handles) {
    for (size_t i = 0; i < COUNT(POINTERS); ++i)
        try_call(SYSCALL_MMAP, POINTERS[i], 0, 0);
    for (size_t i = 0; i < COUNT(handles->all); ++i) {
        for (int field = 0; field < 5; ++field) {
            for (size_t j = 0; j < COUNT(NUMBERS); ++j) {
                struct abi_mmap_request request = {0,
                                                   PAGE_SIZE,
                                                   ABI_PROT_READ | ABI_PROT_WRITE,
                                                   ABI_MAP_SHARED,
                                                   (int)handles->all[i],
                                                   0};
                uint32_t* fields[] = {&request.address, &request.length, &request.protection,
                                      &request.flags, &request.offset};
                *fields[field] = field == 0 ? NUMBERS[j] | 0x123 : NUMBERS[j]; /* hints unaligned */
                long address = try_call(SYSCALL_MMAP, (uint32_t)&request, 0, 0);
                if (!is_error(address))
                    munmap((void*)address, PAGE_SIZE);
            }
        }
    }
}

static void sweep_synchronization(const struct Handles* handles) {
    drop_handle(try_call(SYSCALL_MUTEX_CREATE, 0, 0, 0));
    for (size_t i = 0; i < COUNT(NUMBERS); ++i) {
        drop_handle(try_call(SYSCALL_SEMAPHORE_CREATE, NUMBERS[i], 0, 0));
        try_call(SYSCALL_CLOSE, NUMBERS[i] + 5000, 0, 0);
    }
    try_call(SYSCALL_SEMAPHORE_POST, handles->full_semaphore, 0, 0);
    for (size_t i = 0; i < COUNT(handles->all); ++i) {
        uint32_t handle = handles->all[i];
        /* Twice each: the mutex is taken, then relocked; released, then released again. */
        for (int twice = 0; twice < 2; ++twice) {
            try_call(SYSCALL_MUTEX_LOCK, handle, 0, 0);
            try_call(SYSCALL_MUTEX_TRYLOCK, handle, 0, 0);
        }
        for (int twice = 0; twice < 2; ++twice)
            try_call(SYSCALL_MUTEX_UNLOCK, handle, 0, 0);
        try_call(SYSCALL_SEMAPHORE_WAIT, handle, 0, 0);
        try_call(SYSCALL_SEMAPHORE_TRYWAIT, handle, 0, 0);
        try_call(SYSCALL_SEMAPHORE_POST, handle, 0, 0);
        try_call(SYSCALL_SEMAPHORE_GETVALUE, handle, 0, 0);
        for (size_t j = 0; j < COUNT(POINTERS); ++j)
            try_call(SYSCALL_THREAD_JOIN, handle, POINTERS[j], 0); /* no thread: never blocks */
    }
    while (!is_error(raw_call(SYSCALL_SEMAPHORE_TRYWAIT, handles->semaphore)))
        ;
    try_call(SYSCALL_SEMAPHORE_TRYWAIT, handles->semaphore, 0, 0); /* count 0 */
}

/* Every call was tried, but those that would end the test or take the library's thread pointer
 * away from it. */
static void check_coverage(void) {
    for (int number = 1; number < SYSCALL_COUNT; ++number) {
        int left_out = number == SYSCALL_EXIT || number == SYSCALL_THREAD_EXIT ||
                       number == SYSCALL_SET_THREAD_POINTER;
        if (!left_out)
            expect_that(g_tried[number] > 0, "call %d was never tried", number);
    }
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "quiet") == 0)
        return 0;
    g_self = program_path(argv, "contract");
    fflush(stdout);
    check_mmap_hints();
    check_paths();
    check_shared_memory_truncation();
    make_strings();
    struct Handles handles;
    open_handles(&handles);
    sweep_spawn_and_wait();
    sweep_processes_and_time();
    sweep_names();
    sweep_handles(&handles);
    sweep_memory();
    sweep_mmap(&handles);
    sweep_synchronization(&handles);
    close_handles(&handles);
    raw_call(SYSCALL_SEMAPHORE_UNLINK, SEMAPHORE_NAME);
    check_coverage();
    return finish_checks("contract");
}
