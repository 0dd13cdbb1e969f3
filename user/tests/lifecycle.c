/* User test: how processes end. Exit codes reach the parent through wait; returning from main
 * ends the process even while other threads run; pthread_exit in main (or the raw thread_exit)
 * ends it with status 0 when the last thread has ended; a process that exits, or is killed,
 * while its threads hold a mutex or wait on semaphores, on a join or on console input, releases
 * all of it (a named semaphore it waited on shows that no dead waiter is left in its queue);
 * and an orphan becomes init's child, and init reaps it. Each case runs in a child: this
 * program started again with the case's name. */
#include "check.h"
#include <fcntl.h>
#include <os.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char SEMAPHORE_NAME[] = "/lifecycle";

/* How many threads of process `pid` are blocked (on a mutex, semaphore, join or input). */
static int blocked_threads(pid_t pid) {
    int capacity = os_thread_list(NULL, 0) + 16;
    struct abi_thread_info* threads = calloc((size_t)capacity, sizeof *threads);
    int count = threads ? os_thread_list(threads, capacity) : -1;
    int blocked = 0;
    for (int i = 0; i < count && i < capacity; ++i)
        blocked += threads[i].pid == pid && threads[i].state == ABI_THREAD_BLOCKED;
    free(threads);
    return blocked;
}

/* Waits (up to 5 s) until `count` threads of `pid` are blocked; says whether they are. */
static int wait_until_blocked(pid_t pid, int count) {
    for (int i = 0; i < 500; ++i) {
        if (blocked_threads(pid) >= count)
            return 1;
        usleep(10000);
    }
    return 0;
}

/* Waits (up to 5 s) until process `pid` no longer exists, not even as a zombie. */
static int wait_until_gone(pid_t pid) {
    for (int i = 0; i < 500; ++i) {
        if (raw_call(SYSCALL_KILL, pid, 0) == -ESRCH)
            return 1;
        usleep(10000);
    }
    return 0;
}

/* --- the children --------------------------------------------------------------------------- */

static pthread_mutex_t g_mutex = PTHREAD_MUTEX_INITIALIZER;
static sem_t g_never_posted;
static sem_t* g_named;
static volatile unsigned g_spins;

static void* hold_mutex(void* unused) {
    (void)unused;
    pthread_mutex_lock(&g_mutex);
    sem_wait(&g_never_posted); /* blocked, holding the mutex */
    return NULL;
}
static void* lock_mutex(void* unused) {
    (void)unused;
    pthread_mutex_lock(&g_mutex);
    return NULL;
}
static void* wait_named(void* unused) {
    (void)unused;
    sem_wait(g_named);
    return NULL;
}
static void* read_console(void* unused) {
    (void)unused;
    char byte;
    read(STDIN_FILENO, &byte, 1);
    return NULL;
}
static void* spin(void* unused) {
    (void)unused;
    for (;;)
        ++g_spins; /* never enters the kernel: only the timer can take the CPU from it */
}
static void* sleep_long(void* unused) {
    (void)unused;
    sleep(1000);
    return NULL;
}
static void* sleep_briefly(void* unused) {
    (void)unused;
    usleep(50000);
    return NULL;
}

/* Four threads blocked in four ways; the first holds the mutex the second waits for. Returns the
 * first, which the caller may join. */
static pthread_t start_blocked_threads(void) {
    sem_init(&g_never_posted, 0, 0);
    g_named = sem_open(SEMAPHORE_NAME, 0);
    pthread_t holder, thread;
    pthread_create(&holder, NULL, hold_mutex, NULL);
    usleep(10000); /* the holder first */
    pthread_create(&thread, NULL, lock_mutex, NULL);
    pthread_create(&thread, NULL, wait_named, NULL);
    pthread_create(&thread, NULL, read_console, NULL);
    return holder;
}

static void raw_sleep_then_exit(void* unused) {
    (void)unused;
    raw_call(SYSCALL_SLEEP_MS, 30);
    raw_call(SYSCALL_THREAD_EXIT, 9);
}

/* Runs in the child: ends in the way `how` names. */
static int end_child(const char* self, const char* how, const char* argument) {
    pthread_t thread;
    if (strcmp(how, "exit") == 0)
        exit(argument ? atoi(argument) : 0);
    if (strcmp(how, "return-while-threads-run") == 0) {
        pthread_create(&thread, NULL, spin, NULL);
        pthread_create(&thread, NULL, sleep_long, NULL);
        usleep(20000);
        return 4;
    }
    if (strcmp(how, "exit-while-blocked") == 0) {
        start_blocked_threads();
        exit(wait_until_blocked(getpid(), 4) ? 5 : 6); /* 6: they never all blocked */
    }
    if (strcmp(how, "be-killed-while-blocked") == 0)
        pthread_join(start_blocked_threads(), NULL); /* main blocks too */
    if (strcmp(how, "pthread-exit-in-main") == 0) {
        pthread_create(&thread, NULL, sleep_briefly, NULL);
        pthread_detach(thread);
        pthread_exit(NULL);
    }
    if (strcmp(how, "raw-thread-exit-in-main") == 0) {
        raw_call(SYSCALL_THREAD_CREATE, raw_sleep_then_exit, 0);
        raw_call(SYSCALL_THREAD_EXIT, 3);
    }
    if (strcmp(how, "leave-an-orphan") == 0) {
        char* argv[] = {(char*)self, "sleep", NULL};
        pid_t orphan;
        return posix_spawn(&orphan, self, NULL, NULL, argv, NULL);
    }
    if (strcmp(how, "sleep") == 0)
        sleep(1000);
    return 99;
}

/* --- the checks ----------------------------------------------------------------------------- */

static void check_exit_codes(const char* self) {
    static const struct {
        const char* argument;
        int status;
    } CODES[] = {{"0", 0}, {"1", 1}, {"42", 42}, {"255", 255}, {"256", 0}, {"-1", 255}};
    for (size_t i = 0; i < sizeof CODES / sizeof CODES[0]; ++i) {
        char what[32];
        snprintf(what, sizeof what, "exit(%s)", CODES[i].argument);
        expect_exited(what, run_child(self, "exit", CODES[i].argument), CODES[i].status);
    }
}

/* After a process that waited on the named semaphore is gone, one post makes the count 1: no
 * dead waiter took it. */
static void check_named_semaphore_released(sem_t* named, const char* after) {
    int value = -1;
    EXPECT_VALUE(sem_post(named), 0);
    EXPECT_VALUE(sem_getvalue(named, &value), 0);
    expect_that(value == 1, "after %s: expected the post to count (value 1), got %d", after, value);
    EXPECT_VALUE(sem_trywait(named), 0);
}

static void check_kill_while_blocked(const char* self, sem_t* named) {
    char* argv[] = {(char*)self, "be-killed-while-blocked", NULL};
    pid_t child = -1;
    int status = -1;
    EXPECT_VALUE(posix_spawn(&child, self, NULL, NULL, argv, NULL), 0);
    expect_that(wait_until_blocked(child, 5), "expected 5 blocked threads in the child, got %d",
                blocked_threads(child));
    EXPECT_VALUE(kill(child, SIGKILL), 0);
    EXPECT_VALUE(waitpid(child, &status, 0), child);
    expect_killed("killed while blocked", status, SIGKILL);
    check_named_semaphore_released(named, "a kill");
}

/* The orphan is the one other process of this program; it must get init (pid 1) as its
 * parent, and once killed, init must reap it so that it disappears. */
static void check_orphan(const char* self) {
    expect_exited("leave an orphan", run_child(self, "leave-an-orphan", NULL), 0);
    struct abi_process_info processes[64];
    int count = os_process_list(processes, 64);
    pid_t orphan = 0;
    for (int i = 0; i < count && i < 64; ++i) {
        if (strcmp(processes[i].name, "lifecycle") == 0 && processes[i].pid != getpid()) {
            orphan = processes[i].pid;
            expect_that(processes[i].parent_pid == 1, "orphan's parent: expected 1, got %d",
                        processes[i].parent_pid);
        }
    }
    expect_that(orphan != 0, "expected to find the orphan among %d processes", count);
    EXPECT_ERROR(raw_call(SYSCALL_WAIT, orphan, NULL, 0), ECHILD);
    EXPECT_VALUE(kill(orphan, SIGKILL), 0);
    expect_that(wait_until_gone(orphan),
                "the killed orphan %d: expected init to reap it, it is still there", orphan);
}

/* Nothing a program does may end init (pid 1): kill refuses it, and so does making it the
 * console's foreground process, which Ctrl-C would end. */
static void check_init_protected(void) {
    EXPECT_ERROR(raw_call(SYSCALL_KILL, 1, ABI_SIGKILL), EPERM);
    EXPECT_ERROR(raw_call(SYSCALL_KILL, 1, ABI_SIGINT), EPERM);
    EXPECT_ERROR(raw_call(SYSCALL_CONSOLE_SET_FOREGROUND, 1), EPERM);
    EXPECT_VALUE(raw_call(SYSCALL_CONSOLE_SET_FOREGROUND, getpid()), 0);
    EXPECT_VALUE(raw_call(SYSCALL_CONSOLE_SET_FOREGROUND, 0), 0);
}

int main(int argc, char** argv) {
    if (argc >= 2)
        return end_child(argv[0], argv[1], argv[2]); /* argv[2] may be the NULL at the end */
    const char* self = program_path(argv, "lifecycle");
    sem_unlink(SEMAPHORE_NAME); /* a leftover of an earlier run that was interrupted */
    sem_t* named = sem_open(SEMAPHORE_NAME, O_CREAT | O_EXCL, 0600, 0);
    EXPECT_TRUE(named != SEM_FAILED);
    check_exit_codes(self);
    expect_exited("return from main while threads run",
                  run_child(self, "return-while-threads-run", NULL), 4);
    expect_exited("exit while threads are blocked", run_child(self, "exit-while-blocked", NULL), 5);
    check_named_semaphore_released(named, "an exit");
    check_kill_while_blocked(self, named);
    expect_exited("pthread_exit in main", run_child(self, "pthread-exit-in-main", NULL), 0);
    expect_exited("raw thread_exit in main", run_child(self, "raw-thread-exit-in-main", NULL), 0);
    check_orphan(self);
    check_init_protected();
    EXPECT_VALUE(sem_close(named), 0);
    EXPECT_VALUE(sem_unlink(SEMAPHORE_NAME), 0);
    return finish_checks("lifecycle");
}
