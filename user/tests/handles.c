/* User test: invalid handles. A handle is a small number in the calling process's own table
 * (libk/abi/system_calls.h): a number that is not open there, negative or huge, closed or
 * closed twice, fails with EBADF; an open handle of the wrong kind (mutex_lock on a semaphore)
 * fails with EINVAL. A handle closed while other threads are blocked through it wakes them with
 * EBADF. Another process's handle numbers mean nothing here, so a child given this process's
 * numbers cannot touch its objects. */
#include "check.h"
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KERNEL_START 0xC0000000u

/* Every call that takes a handle, given `handle`, must say EBADF. */
static void check_not_open(long handle) {
    char buffer[4];
    struct abi_mmap_request request = {0, 4096, ABI_PROT_READ, ABI_MAP_SHARED, (int32_t)handle, 0};
    check_context("handle %ld", handle);
    EXPECT_ERROR(raw_call(SYSCALL_CLOSE, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, handle, "x", 1), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_READ, handle, buffer, 1), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_JOIN, handle, NULL), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_LOCK, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_TRYLOCK, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_UNLOCK, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_WAIT, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_TRYWAIT, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_POST, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_GETVALUE, handle), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_FTRUNCATE, handle, 4096), EBADF);
    EXPECT_ERROR(raw_call(SYSCALL_MMAP, &request), EBADF);
    check_context(NULL);
}

static void check_numbers_never_opened(void) {
    const long numbers[] = {-1, -2, INT_MIN, 3000, 1 << 20, INT_MAX};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; ++i)
        check_not_open(numbers[i]);
}

/* Each kind of handle, closed once (0) and then used and closed again (EBADF). */
static void check_closed(const char* self) {
    long handles[] = {
        raw_call(SYSCALL_MUTEX_CREATE),
        raw_call(SYSCALL_SEMAPHORE_CREATE, 1),
        raw_call(SYSCALL_OPEN, self, ABI_O_RDONLY),
    };
    for (size_t i = 0; i < sizeof handles / sizeof handles[0]; ++i) {
        EXPECT_SUCCESS(handles[i]);
        EXPECT_VALUE(raw_call(SYSCALL_CLOSE, handles[i]), 0);
        check_not_open(handles[i]);
    }
}

/* Objects of one kind reached through the calls of another kind: EINVAL, and no harm done. */
static void check_wrong_kinds(const char* self) {
    long mutex = raw_call(SYSCALL_MUTEX_CREATE);
    long semaphore = raw_call(SYSCALL_SEMAPHORE_CREATE, 1);
    long file = raw_call(SYSCALL_OPEN, self, ABI_O_RDONLY);
    char buffer[4];
    struct abi_mmap_request request = {0, 4096, ABI_PROT_READ, ABI_MAP_SHARED, (int32_t)file, 0};
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_LOCK, semaphore), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_TRYLOCK, semaphore), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_UNLOCK, file), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_LOCK, STDOUT_FILENO), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_WAIT, mutex), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_TRYWAIT, file), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_POST, mutex), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_GETVALUE, STDIN_FILENO), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_JOIN, semaphore, NULL), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_JOIN, STDOUT_FILENO, NULL), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, semaphore, "x", 1), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_READ, mutex, buffer, 1), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_WRITE, file, "x", 1), EBADF); /* open for reading only */
    EXPECT_ERROR(raw_call(SYSCALL_FTRUNCATE, mutex, 4096), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_FTRUNCATE, file, 4096), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_MMAP, &request), ENODEV);
    request.handle = (int32_t)semaphore;
    EXPECT_ERROR(raw_call(SYSCALL_MMAP, &request), ENODEV);
    /* The objects still work as what they are. */
    EXPECT_VALUE(raw_call(SYSCALL_SEMAPHORE_GETVALUE, semaphore), 1);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_TRYLOCK, mutex), 0);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_UNLOCK, mutex), 0);
    EXPECT_VALUE(raw_call(SYSCALL_READ, file, buffer, 4), 4);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_CREATE, ABI_SEMAPHORE_VALUE_MAX + 1u), EINVAL);
    raw_call(SYSCALL_CLOSE, mutex);
    raw_call(SYSCALL_CLOSE, semaphore);
    raw_call(SYSCALL_CLOSE, file);
}

/* --- thread handles ------------------------------------------------------------------------- */

/* Threads made with the raw thread_create have no thread pointer (program_start.h), so they
 * may make raw calls only: no errno, no printf. */
static volatile long g_own_handle;

static void end_with_value(void* value) {
    raw_call(SYSCALL_THREAD_EXIT, value);
}

/* Waits until main has stored this thread's handle, then joins itself. */
static void join_myself(void* unused) {
    (void)unused;
    while (g_own_handle == 0)
        raw_call(SYSCALL_YIELD);
    raw_call(SYSCALL_THREAD_EXIT, raw_call(SYSCALL_THREAD_JOIN, g_own_handle, NULL));
}

static void check_thread_handles(void) {
    long thread = raw_call(SYSCALL_THREAD_CREATE, end_with_value, 42);
    EXPECT_SUCCESS(thread);
    uint32_t value = 0;
    EXPECT_VALUE(raw_call(SYSCALL_THREAD_JOIN, thread, &value), 0);
    EXPECT_VALUE(value, 42);
    EXPECT_VALUE(raw_call(SYSCALL_THREAD_JOIN, thread, &value), 0); /* ended: returns at once */
    EXPECT_ERROR(raw_call(SYSCALL_THREAD_JOIN, thread, KERNEL_START), EFAULT);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_LOCK, thread), EINVAL);
    EXPECT_ERROR(raw_call(SYSCALL_SEMAPHORE_POST, thread), EINVAL);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, thread), 0);
    check_not_open(thread);

    long self_joiner = raw_call(SYSCALL_THREAD_CREATE, join_myself, 0);
    EXPECT_SUCCESS(self_joiner);
    g_own_handle = self_joiner;
    EXPECT_VALUE(raw_call(SYSCALL_THREAD_JOIN, self_joiner, &value), 0);
    EXPECT_VALUE((int32_t)value, -EDEADLK);
    raw_call(SYSCALL_CLOSE, self_joiner);
}

/* --- closing a handle that other threads are blocked on ------------------------------------
 * The rule (docs/processes.md, "Closing a handle"): a thread blocked through a handle that
 * another thread of its process closes is woken, and its call fails with EBADF; a mutex ends with
 * its handle, so a lock it had just been handed fails too; a semaphore's unit already handed
 * over is kept. Nothing is left blocked for good, and the kernel's invariants hold. */

enum { NOT_RETURNED = 1 }; /* no system call returns 1 for these: they return 0 or -errno */

static volatile long g_blocker_handle;
static volatile long g_blocker_result;

static void lock_mutex(void* unused) {
    (void)unused;
    raw_call(SYSCALL_THREAD_EXIT,
             g_blocker_result = raw_call(SYSCALL_MUTEX_LOCK, g_blocker_handle));
}

static void wait_semaphore(void* unused) {
    (void)unused;
    raw_call(SYSCALL_THREAD_EXIT,
             g_blocker_result = raw_call(SYSCALL_SEMAPHORE_WAIT, g_blocker_handle));
}

static void join_thread(void* unused) {
    (void)unused;
    raw_call(SYSCALL_THREAD_EXIT,
             g_blocker_result = raw_call(SYSCALL_THREAD_JOIN, g_blocker_handle, NULL));
}

static void sleep_briefly(void* unused) {
    (void)unused;
    raw_call(SYSCALL_SLEEP_MS, 200);
    raw_call(SYSCALL_THREAD_EXIT, 0);
}

/* Starts `body` as a thread that blocks through `handle`, and gives it time to block: it is the
 * only other runnable thread, so a sleep of a few time slices lets it reach its wait. */
static long start_blocker(void (*body)(void*), long handle) {
    g_blocker_handle = handle;
    g_blocker_result = NOT_RETURNED;
    long thread = raw_call(SYSCALL_THREAD_CREATE, body, 0);
    EXPECT_SUCCESS(thread);
    raw_call(SYSCALL_SLEEP_MS, 50);
    EXPECT_VALUE(g_blocker_result, NOT_RETURNED); /* it is blocked, not finished */
    return thread;
}

static void finish_blocker(long thread, long expected_result) {
    EXPECT_VALUE(raw_call(SYSCALL_THREAD_JOIN, thread, NULL), 0);
    EXPECT_VALUE(g_blocker_result, expected_result);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, thread), 0);
}

static void check_close_while_blocked(void) {
    /* The owner unlocks, handing the mutex to the waiter, and closes the handle at once. */
    long mutex = raw_call(SYSCALL_MUTEX_CREATE);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_LOCK, mutex), 0);
    long thread = start_blocker(lock_mutex, mutex);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_UNLOCK, mutex), 0);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, mutex), 0);
    finish_blocker(thread, -EBADF);

    /* The owner closes the handle while a thread waits for the mutex. */
    mutex = raw_call(SYSCALL_MUTEX_CREATE);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_LOCK, mutex), 0);
    thread = start_blocker(lock_mutex, mutex);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, mutex), 0);
    finish_blocker(thread, -EBADF);

    /* A thread that does not own the mutex closes it; the owner then finds it gone. */
    mutex = raw_call(SYSCALL_MUTEX_CREATE);
    thread = raw_call(SYSCALL_THREAD_CREATE, lock_mutex, 0);
    g_blocker_handle = mutex;
    EXPECT_VALUE(raw_call(SYSCALL_THREAD_JOIN, thread, NULL), 0); /* it locked and ended */
    EXPECT_VALUE(g_blocker_result, 0);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, thread), 0);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, mutex), 0);
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_UNLOCK, mutex), EBADF);

    /* A semaphore with nothing to take: its waiter is woken with EBADF. */
    long semaphore = raw_call(SYSCALL_SEMAPHORE_CREATE, 0);
    thread = start_blocker(wait_semaphore, semaphore);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, semaphore), 0);
    finish_blocker(thread, -EBADF);

    /* A post hands its unit to the waiter before the close: the waiter keeps it. */
    semaphore = raw_call(SYSCALL_SEMAPHORE_CREATE, 0);
    thread = start_blocker(wait_semaphore, semaphore);
    EXPECT_VALUE(raw_call(SYSCALL_SEMAPHORE_POST, semaphore), 0);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, semaphore), 0);
    finish_blocker(thread, 0);

    /* A join through a handle that another thread closes; the joined thread goes on. */
    long sleeper = raw_call(SYSCALL_THREAD_CREATE, sleep_briefly, 0);
    EXPECT_SUCCESS(sleeper);
    thread = start_blocker(join_thread, sleeper);
    EXPECT_VALUE(raw_call(SYSCALL_CLOSE, sleeper), 0);
    finish_blocker(thread, -EBADF);
    raw_call(SYSCALL_SLEEP_MS, 250); /* the sleeper ends on its own */
}

/* --- another process's numbers -------------------------------------------------------------- */

/* Child: the numbers are this process's parent's handles, none of which is open here. */
static int use_foreign_handles(char** numbers, int count) {
    for (int i = 0; i < count; ++i)
        check_not_open(atol(numbers[i]));
    return failed_checks() == 0 ? 0 : 1;
}

static void check_foreign_handles(const char* self) {
    long mutex = raw_call(SYSCALL_MUTEX_CREATE);
    long semaphore = raw_call(SYSCALL_SEMAPHORE_CREATE, 0);
    long file = raw_call(SYSCALL_OPEN, self, ABI_O_RDONLY);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_LOCK, mutex), 0);
    char numbers[3][12];
    snprintf(numbers[0], sizeof numbers[0], "%ld", mutex);
    snprintf(numbers[1], sizeof numbers[1], "%ld", semaphore);
    snprintf(numbers[2], sizeof numbers[2], "%ld", file);
    char* argv[] = {(char*)self, "foreign", numbers[0], numbers[1], numbers[2], NULL};
    pid_t child;
    int status = -1;
    if (posix_spawn(&child, self, NULL, NULL, argv, NULL) == 0)
        waitpid(child, &status, 0);
    expect_exited("a child using this process's handle numbers", status, 0);
    /* The child's attempts changed nothing: the mutex is still ours, the count still 0. */
    EXPECT_ERROR(raw_call(SYSCALL_MUTEX_TRYLOCK, mutex), EBUSY);
    EXPECT_VALUE(raw_call(SYSCALL_MUTEX_UNLOCK, mutex), 0);
    EXPECT_VALUE(raw_call(SYSCALL_SEMAPHORE_GETVALUE, semaphore), 0);
    raw_call(SYSCALL_CLOSE, mutex);
    raw_call(SYSCALL_CLOSE, semaphore);
    raw_call(SYSCALL_CLOSE, file);
}

int main(int argc, char** argv) {
    if (argc > 2 && strcmp(argv[1], "foreign") == 0)
        return use_foreign_handles(argv + 2, argc - 2);
    const char* self = program_path(argv, "handles");
    check_numbers_never_opened();
    check_closed(self);
    check_wrong_kinds(self);
    check_thread_handles();
    check_close_while_blocked();
    check_foreign_handles(self);
    return finish_checks("handles");
}
