/* Scenarios: short sequences that build one situation the random calls rarely reach, with what
 * the contract promises there checked exactly. Each cleans up after itself (closes, joins, waits)
 * so the leak check at the end can be exact. Handles made here are private: they never enter the
 * public table (handles.c), so no other thread closes them on purpose; a racing thread can still
 * name one by a stale number, which the expectations allow for where it could change the answer. */
#include "fuzz.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static long call(struct fuzz_thread* thread, uint32_t number, uint32_t a, uint32_t b, uint32_t c) {
    return checked(thread, number, fuzz_call(number, a, b, c, 0, 0));
}

static void close_handle(struct fuzz_thread* thread, long handle) {
    EXPECT_ONE_OF(thread, "close in a scenario", call(thread, SYSCALL_CLOSE, handle, 0, 0), 0);
}

/* Starts a raw thread on `job` (which lives in the caller's frame) and waits until it has read
 * it: a thread that is never joined (a handle closed under it, a join taken by a racing thread)
 * must not read the job after the frame is gone. It writes its id just before its one call, so
 * the call itself may still come before or after what the caller does next. */
static long start_raw(struct fuzz_thread* thread, struct raw_job* job, int operation, long handle) {
    job->operation = (uint32_t)operation;
    job->handle = (uint32_t)handle;
    __atomic_store_n(&job->tid, 0, __ATOMIC_RELAXED);
    long result = call(thread, SYSCALL_THREAD_CREATE, (uint32_t)raw_thread_entry, (uint32_t)job, 0);
    for (int i = 0;
         !is_error(result) && i < 10000 && __atomic_load_n(&job->tid, __ATOMIC_RELAXED) == 0; ++i)
        call(thread, SYSCALL_YIELD, 0, 0, 0);
    return result;
}

/* What finish_raw returns when another thread joined the raw thread first (a racing thread
 * can name the handle by a stale number): its exit value is then unknown. */
#define TAKEN 0x7FFFFFFF

/* Joins a raw thread and closes its handle: its exit value (the result of its call). */
static long finish_raw(struct fuzz_thread* thread, long handle) {
    uint32_t value = 0;
    long result = call(thread, SYSCALL_THREAD_JOIN, handle, (uint32_t)&value, 0);
    EXPECT_ONE_OF(thread, "join of a scenario's thread", result, 0, -EINVAL);
    close_handle(thread, handle);
    return result == 0 ? (long)(int32_t)value : TAKEN;
}

/* True once the job's thread is blocked on `what` through its handle ("mutex 5" in the thread
 * list) as the only thread of this process waiting there (a racing thread can name the handle
 * by a stale number and wait there too, which would change who gets what); tried for up to 200
 * yields. False: the exact outcome is not known. */
static int wait_until_blocked(struct fuzz_thread* thread, const char* what, struct raw_job* job) {
    struct abi_thread_info threads[100];
    char expected[ABI_NAME_SIZE];
    snprintf(expected, sizeof expected, "%s %u", what, job->handle);
    for (int attempt = 0; attempt < 200; ++attempt) {
        long count = call(thread, SYSCALL_THREAD_LIST, (uint32_t)threads, COUNT(threads), 0);
        int ours = 0, others = 0;
        for (long i = 0; i < count && i < (long)COUNT(threads); ++i) {
            if ((uint32_t)threads[i].pid != g_pid || strcmp(threads[i].waiting_for, expected) != 0)
                continue;
            if (threads[i].tid == __atomic_load_n(&job->tid, __ATOMIC_RELAXED) &&
                threads[i].state == ABI_THREAD_BLOCKED)
                ours = 1;
            else
                others = 1;
        }
        if (ours || others)
            return ours && !others;
        call(thread, SYSCALL_YIELD, 0, 0, 0);
    }
    return 0;
}

/* A thread blocks in mutex_lock; the owner closes the handle, or unlocks (handing the mutex to
 * the waiter) and closes at once or a moment later. */
static void close_mutex_while_blocked(struct fuzz_thread* thread) {
    long mutex = call(thread, SYSCALL_MUTEX_CREATE, 0, 0, 0);
    if (is_error(mutex))
        return;
    EXPECT_ONE_OF(thread, "lock of a new mutex", call(thread, SYSCALL_MUTEX_LOCK, mutex, 0, 0), 0);
    struct raw_job job;
    long waiter = start_raw(thread, &job, RAW_LOCK, mutex);
    /* Mostly once the waiter is known to block, sometimes while it may still be on its way. */
    int blocked = !is_error(waiter) && !random_one_in(&thread->random, 4) &&
                  wait_until_blocked(thread, "mutex", &job);
    uint32_t mode = random_below(&thread->random, 3);
    if (mode > 0)
        EXPECT_ONE_OF(thread, "unlock by the owner",
                      call(thread, SYSCALL_MUTEX_UNLOCK, mutex, 0, 0), 0);
    if (mode == 2)
        call(thread, SYSCALL_SLEEP_MS, 1, 0, 0);
    close_handle(thread, mutex);
    if (is_error(waiter))
        return;
    long result = finish_raw(thread, waiter);
    if (blocked && mode == 0)
        EXPECT_ONE_OF(thread, "mutex_lock while the owner closes", result, -EBADF, TAKEN);
    else if (blocked)
        EXPECT_ONE_OF(thread, "mutex_lock across an unlock and a close", result, 0, -EBADF, TAKEN);
    else /* a late waiter names a number that may be another object's by then */
        EXPECT_ONE_OF(thread, "mutex_lock after a close", result, 0, -EBADF, -EINVAL, TAKEN);
}

/* A thread blocks in semaphore_wait; the handle is closed, or a unit is posted and then the
 * handle closed at once (the unit, once handed over, is kept). */
static void close_semaphore_while_blocked(struct fuzz_thread* thread) {
    long semaphore = call(thread, SYSCALL_SEMAPHORE_CREATE, 0, 0, 0);
    if (is_error(semaphore))
        return;
    struct raw_job job;
    long waiter = start_raw(thread, &job, RAW_WAIT, semaphore);
    int blocked = !is_error(waiter) && !random_one_in(&thread->random, 4) &&
                  wait_until_blocked(thread, "semaphore", &job);
    int posted = random_one_in(&thread->random, 2);
    if (posted)
        EXPECT_ONE_OF(thread, "post", call(thread, SYSCALL_SEMAPHORE_POST, semaphore, 0, 0), 0);
    close_handle(thread, semaphore);
    if (is_error(waiter))
        return;
    long result = finish_raw(thread, waiter);
    if (blocked && posted) /* the unit was handed over before the close: it is kept */
        EXPECT_ONE_OF(thread, "semaphore_wait given a unit, then closed", result, 0, TAKEN);
    else if (blocked)
        EXPECT_ONE_OF(thread, "semaphore_wait while the handle is closed", result, -EBADF, TAKEN);
    else
        EXPECT_ONE_OF(thread, "semaphore_wait across a close", result, 0, -EBADF, -EINVAL, TAKEN);
}

/* A thread joins another; the joined thread's handle is closed under the joiner. */
static void close_thread_while_joined(struct fuzz_thread* thread) {
    long semaphore = call(thread, SYSCALL_SEMAPHORE_CREATE, 0, 0, 0);
    if (is_error(semaphore))
        return;
    struct raw_job target_job, joiner_job;
    long target = start_raw(thread, &target_job, RAW_WAIT, semaphore);
    if (is_error(target)) {
        close_handle(thread, semaphore);
        return;
    }
    long joiner = start_raw(thread, &joiner_job, RAW_JOIN, target);
    int blocked = !is_error(joiner) && wait_until_blocked(thread, "thread", &joiner_job);
    close_handle(thread, target);
    if (!is_error(joiner) && blocked)
        EXPECT_ONE_OF(thread, "thread_join while the handle is closed", finish_raw(thread, joiner),
                      -EBADF, TAKEN);
    else if (!is_error(joiner))
        EXPECT_ONE_OF(thread, "thread_join across a close", finish_raw(thread, joiner), -EBADF,
                      -EINVAL, 0, -EDEADLK, TAKEN);
    close_handle(thread, semaphore); /* frees the target: its wait ends with EBADF */
}

/* A child blocked in one of several ways (or still starting) is killed: wait reports the
 * signal. */
static void kill_blocked_child(struct fuzz_thread* thread) {
    static const uint32_t SIGNALS[] = {ABI_SIGKILL, ABI_SIGTERM, ABI_SIGINT, ABI_SIGSEGV,
                                       ABI_SIGABRT};
    char how[4];
    snprintf(how, sizeof how, "%u", random_below(&thread->random, 6));
    const char* argv[] = {g_program, "child", "victim", how, 0};
    long pid = call(thread, SYSCALL_SPAWN, (uint32_t)g_program, (uint32_t)argv, 0);
    if (is_error(pid))
        return;
    call(thread, SYSCALL_SLEEP_MS, random_below(&thread->random, 6), 0, 0);
    uint32_t signal = SIGNALS[random_below(&thread->random, COUNT(SIGNALS))];
    EXPECT_ONE_OF(thread, "kill of a blocked child", call(thread, SYSCALL_KILL, pid, signal, 0), 0);
    int status = -1;
    EXPECT_ONE_OF(thread, "wait for the killed child",
                  call(thread, SYSCALL_WAIT, pid, (uint32_t)&status, 0), pid);
    EXPECT_ONE_OF(thread, "wait status of the killed child", status, ABI_WAIT_SIGNALED(signal));
}

/* A child that exits by itself with a chosen status. */
static void child_exits(struct fuzz_thread* thread) {
    char code[4];
    uint32_t expected = random_below(&thread->random, 256);
    snprintf(code, sizeof code, "%u", expected);
    const char* argv[] = {g_program, "child", "exit", code, 0};
    long pid = call(thread, SYSCALL_SPAWN, (uint32_t)g_program, (uint32_t)argv, 0);
    if (is_error(pid))
        return;
    int status = -1;
    EXPECT_ONE_OF(thread, "wait for an exiting child",
                  call(thread, SYSCALL_WAIT, pid, (uint32_t)&status, 0), pid);
    EXPECT_ONE_OF(thread, "wait status of an exiting child", status, ABI_WAIT_EXITED(expected));
}

/* A child that ends itself (exit, or its main thread's thread_exit) while its other threads are
 * blocked or asleep in the kernel: wait reports 7 for exit, 0 after the last thread. */
static void child_exits_while_busy(struct fuzz_thread* thread) {
    char how[4];
    uint32_t choice = random_below(&thread->random, 8);
    snprintf(how, sizeof how, "%u", choice);
    const char* argv[] = {g_program, "child", "busy-exit", how, 0};
    long pid = call(thread, SYSCALL_SPAWN, (uint32_t)g_program, (uint32_t)argv, 0);
    if (is_error(pid))
        return;
    int status = -1;
    EXPECT_ONE_OF(thread, "wait for a child ending while busy",
                  call(thread, SYSCALL_WAIT, pid, (uint32_t)&status, 0), pid);
    EXPECT_ONE_OF(thread, "wait status of a child ending while busy", status,
                  ABI_WAIT_EXITED(choice % 2 == 1 ? 7 : 0));
}

/* Programs the kernel must refuse, each with its error (or a shortage of processes). */
static void bad_spawns(struct fuzz_thread* thread) {
    static const struct {
        const char* path;
        int error;
    } CASES[] = {
        {"/data/not-an-elf", ENOEXEC},
        {"/data/bad-elf-truncated", ENOEXEC},
        {"/data/bad-elf-machine", ENOEXEC},
        {"/data/bad-elf-kernel-segment", ENOEXEC},
        {"/data/bad-elf-segment-past-file", ENOEXEC},
        {"/data/bad-elf-entry", ENOEXEC},
        {"/bin", EACCES},
        {"/nothing/at/all", ENOENT},
        {"/bin/hello/", ENOTDIR},
    };
    uint32_t pick = random_below(&thread->random, COUNT(CASES) + 2);
    long result;
    int error;
    const char* what;
    if (pick < COUNT(CASES)) {
        result = call(thread, SYSCALL_SPAWN, (uint32_t)CASES[pick].path, 0, 0);
        error = CASES[pick].error;
        what = CASES[pick].path;
    } else if (pick == COUNT(CASES)) {
        result = call(thread, SYSCALL_SPAWN, (uint32_t) "/bin/hello", 0xC0000000u, 0);
        error = EFAULT;
        what = "argv in the kernel";
    } else {
        const char* many[ABI_ARGUMENT_COUNT_MAX + 2];
        for (size_t i = 0; i < COUNT(many) - 1; ++i)
            many[i] = "argument";
        many[COUNT(many) - 1] = 0;
        result = call(thread, SYSCALL_SPAWN, (uint32_t) "/bin/hello", (uint32_t)many, 0);
        error = E2BIG;
        what = "33 arguments";
    }
    char text[64];
    snprintf(text, sizeof text, "spawn of %s", what);
    EXPECT_ONE_OF(thread, text, result, -error, -EAGAIN, -ENOMEM);
    if (!is_error(result)) { /* started after all: collect it */
        int status;
        call(thread, SYSCALL_WAIT, result, (uint32_t)&status, 0);
    }
}

/* Handles until the table is full, then all closed again. */
static void exhaust_handles(struct fuzz_thread* thread) {
    long handles[ABI_HANDLE_MAX + 1];
    int count = 0;
    long result = 0;
    while (count < ABI_HANDLE_MAX + 1) {
        result = call(thread, SYSCALL_SEMAPHORE_CREATE, 1, 0, 0);
        if (is_error(result))
            break;
        handles[count++] = result;
    }
    EXPECT_ONE_OF(thread, "semaphore_create with the handle table full", result, -EMFILE, -ENOMEM);
    while (count > 0)
        close_handle(thread, handles[--count]);
}

/* Threads until the process may have no more; they wait on one semaphore, which then gets units
 * and is closed, so every one of them ends. */
static void exhaust_threads(struct fuzz_thread* thread) {
    long semaphore = call(thread, SYSCALL_SEMAPHORE_CREATE, 0, 0, 0);
    if (is_error(semaphore))
        return;
    long threads[ABI_THREAD_MAX + 1];
    struct raw_job jobs[ABI_THREAD_MAX + 1];
    int count = 0;
    long result = 0;
    while (count < ABI_THREAD_MAX + 1) {
        result = start_raw(thread, &jobs[count], RAW_WAIT, semaphore);
        if (is_error(result))
            break;
        threads[count++] = result;
    }
    EXPECT_ONE_OF(thread, "thread_create at the limit", result, -EAGAIN, -ENOMEM, -EMFILE);
    for (int i = random_below(&thread->random, count + 1); i > 0; --i)
        call(thread, SYSCALL_SEMAPHORE_POST, semaphore, 0, 0);
    close_handle(thread, semaphore);
    /* A thread that starts its wait only after the close names a number the kernel may have
     * given to another thread's new object meanwhile: EINVAL when that is no semaphore. */
    for (int i = 0; i < count; ++i)
        EXPECT_ONE_OF(thread, "semaphore_wait of a thread at the limit",
                      finish_raw(thread, threads[i]), 0, -EBADF, -EINVAL, TAKEN);
}

/* A shared-memory object of this thread's own, its name removed at once (so nothing is left if
 * the worker is killed): a handle, or an error. */
static long private_object(struct fuzz_thread* thread) {
    char name[32];
    snprintf(name, sizeof name, "/fz%ds%d", thread->process_index, thread->thread_index);
    call(thread, SYSCALL_SHM_UNLINK, (uint32_t)name, 0, 0);
    long object =
        call(thread, SYSCALL_SHM_OPEN, (uint32_t)name, ABI_O_CREAT | ABI_O_EXCL | ABI_O_RDWR, 0);
    if (!is_error(object))
        call(thread, SYSCALL_SHM_UNLINK, (uint32_t)name, 0, 0);
    return object;
}

/* One small shared-memory object mapped again and again until the address space or memory runs
 * out (or 48 times), then every mapping removed. */
static void map_until_refused(struct fuzz_thread* thread) {
    long object = private_object(thread);
    if (is_error(object))
        return;
    uint32_t length = (1 + random_below(&thread->random, 64)) * 4096;
    long addresses[48];
    int count = 0;
    if (!is_error(call(thread, SYSCALL_FTRUNCATE, object, length, 0))) {
        struct abi_mmap_request request = {
            0, length, ABI_PROT_READ | ABI_PROT_WRITE, ABI_MAP_SHARED, (int32_t)object, 0};
        while (count < 48) {
            long address = call(thread, SYSCALL_MMAP, (uint32_t)&request, 0, 0);
            if (is_error(address))
                break;
            addresses[count++] = address;
        }
    }
    while (count > 0)
        EXPECT_ONE_OF(thread, "munmap of a whole mapping",
                      call(thread, SYSCALL_MUNMAP, addresses[--count], length, 0), 0);
    close_handle(thread, object);
}

/* Shared-memory objects of the largest size until memory runs out (128 MiB of RAM holds about
 * seven), then all of it given back: every other thread meanwhile meets ENOMEM. */
static void exhaust_memory(struct fuzz_thread* thread) {
    long objects[16];
    int count = 0;
    long result = 0;
    while (count < (int)COUNT(objects)) {
        long object = private_object(thread);
        if (is_error(object)) {
            result = object;
            break;
        }
        objects[count++] = object;
        result = call(thread, SYSCALL_FTRUNCATE, object, ABI_SHARED_MEMORY_MAX, 0);
        if (is_error(result))
            break;
    }
    EXPECT_ONE_OF(thread, "shared memory beyond the RAM", result, -ENOMEM, -EMFILE);
    while (count > 0)
        close_handle(thread, objects[--count]);
}

void scenario_run(struct fuzz_thread* thread) {
    static void (*const SCENARIOS[])(struct fuzz_thread*) = {
        close_mutex_while_blocked,
        close_mutex_while_blocked,
        close_semaphore_while_blocked,
        close_thread_while_joined,
        kill_blocked_child,
        kill_blocked_child,
        child_exits,
        child_exits_while_busy,
        bad_spawns,
        bad_spawns,
        exhaust_handles,
        exhaust_threads,
        map_until_refused,
        exhaust_memory,
    };
    ++thread->scenarios;
    SCENARIOS[random_below(&thread->random, COUNT(SCENARIOS))](thread);
}

struct raw_job* raw_job_lasting(uint32_t operation, uint32_t handle) {
    static struct raw_job jobs[64];
    static uint32_t next;
    struct raw_job* job = &jobs[__atomic_fetch_add(&next, 1, __ATOMIC_RELAXED) % COUNT(jobs)];
    job->operation = operation;
    job->handle = handle;
    return job;
}

/* A raw thread (thread_create, no library): one call, then thread_exit with its result. The job
 * is read once at the start: a lasting job may be reused for another thread after that. */
void raw_thread_entry(struct raw_job* job) {
    uint32_t operation = job->operation, handle = job->handle;
    __atomic_store_n(&job->tid, (int32_t)fuzz_call(SYSCALL_GETTID, 0, 0, 0, 0, 0),
                     __ATOMIC_RELAXED);
    long result = 0;
    switch (operation) {
    case RAW_LOCK:
        result = fuzz_call(SYSCALL_MUTEX_LOCK, handle, 0, 0, 0, 0);
        if (result == 0) {
            fuzz_call(SYSCALL_SLEEP_MS, 1, 0, 0, 0, 0);
            fuzz_call(SYSCALL_MUTEX_UNLOCK, handle, 0, 0, 0, 0);
        }
        break;
    case RAW_WAIT:
        result = fuzz_call(SYSCALL_SEMAPHORE_WAIT, handle, 0, 0, 0, 0);
        break;
    case RAW_JOIN:
        result = fuzz_call(SYSCALL_THREAD_JOIN, handle, 0, 0, 0, 0);
        break;
    case RAW_SLEEP:
        result = fuzz_call(SYSCALL_SLEEP_MS, 2, 0, 0, 0, 0);
        break;
    case RAW_POST:
        result = fuzz_call(SYSCALL_SEMAPHORE_POST, handle, 0, 0, 0, 0);
        break;
    default:
        break;
    }
    for (;;)
        fuzz_call(SYSCALL_THREAD_EXIT, (uint32_t)result, 0, 0, 0, 0);
}
