/* User test: running out of things. Spawning until spawn fails, creating threads until
 * pthread_create fails, opening handles until EMFILE, and allocating until malloc fails all end
 * in an error code, never in a crash or a hang; and once the children, threads and handles are
 * gone, the same number can be had again (nothing leaked on the way). The kernel must stay
 * usable throughout: this process goes on making calls while memory is short. */
#include "check.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Upper bounds, far above what 128 MiB of memory allows: reaching one is a failure. */
enum { MAX_CHILDREN = 4096, MAX_THREADS = 16384, MAX_HANDLES = 16384 };

/* --- processes ------------------------------------------------------------------------------ */

static pid_t g_children[MAX_CHILDREN];

/* Starts children that sleep until killed, until spawn fails. Returns how many started; the
 * error that stopped it goes to *error (0 when the bound was reached). Each child gets the CPU
 * before the next is started, so that it is asleep, not about to need memory, when the next
 * spawn takes what is left. */
static int spawn_until_failure(const char* self, int* error) {
    char* argv[] = {(char*)self, "sleep", NULL};
    for (int count = 0; count < MAX_CHILDREN; ++count) {
        *error = posix_spawn(&g_children[count], self, NULL, NULL, argv, NULL);
        if (*error != 0)
            return count;
        sched_yield();
    }
    return MAX_CHILDREN;
}

static void end_children(int count) {
    int killed = 0;
    for (int i = 0; i < count; ++i)
        kill(g_children[i], SIGKILL);
    for (int i = 0; i < count; ++i) {
        int status = 0;
        killed += waitpid(g_children[i], &status, 0) == g_children[i] && WIFSIGNALED(status) &&
                  WTERMSIG(status) == SIGKILL;
    }
    /* None may have died of anything else: running short of memory is an error for spawn, not
     * a reason to end a process that is already running. */
    expect_that(killed == count, "children ended by our SIGKILL: expected %d, got %d", count,
                killed);
}

static void check_spawn_exhaustion(const char* self) {
    memset(g_children, 0, sizeof g_children); /* map the array now, not during the rounds */
    int error;
    int first = spawn_until_failure(self, &error);
    expect_that(first > 0 && (error == EAGAIN || error == ENOMEM),
                "spawning until it fails: expected EAGAIN or ENOMEM, got %s after %d children",
                error ? error_name(error) : "no error", first);
    end_children(first);
    int second = spawn_until_failure(self, &error);
    end_children(second);
    expect_that(second >= first, "spawning again: expected %d children as before, got %d", first,
                second);
    printf("exhaustion: %d processes at once, then %d\n", first, second);
}

/* --- threads -------------------------------------------------------------------------------- */

static pthread_t g_threads[MAX_THREADS];
static sem_t g_release;

static void* wait_for_release(void* unused) {
    (void)unused;
    sem_wait(&g_release);
    return NULL;
}

static int create_threads_until_failure(int* error) {
    for (int count = 0; count < MAX_THREADS; ++count) {
        *error = pthread_create(&g_threads[count], NULL, wait_for_release, NULL);
        if (*error != 0)
            return count;
        sched_yield(); /* as for the children: let it reach sem_wait */
    }
    return MAX_THREADS;
}

static void release_threads(int count) {
    int joined = 0;
    for (int i = 0; i < count; ++i)
        sem_post(&g_release);
    for (int i = 0; i < count; ++i)
        joined += pthread_join(g_threads[i], NULL) == 0;
    expect_that(joined == count, "threads joined: expected %d, got %d", count, joined);
}

static void check_thread_exhaustion(void) {
    memset(g_threads, 0, sizeof g_threads);
    EXPECT_VALUE(sem_init(&g_release, 0, 0), 0);
    int error;
    int first = create_threads_until_failure(&error);
    expect_that(first > 0 && error == EAGAIN,
                "creating threads until it fails: expected EAGAIN, got %s after %d threads",
                error ? error_name(error) : "no error", first);
    release_threads(first);
    int second = create_threads_until_failure(&error);
    release_threads(second);
    expect_that(second >= first, "creating threads again: expected %d as before, got %d", first,
                second);
    sem_destroy(&g_release);
    printf("exhaustion: %d threads at once, then %d\n", first, second);
}

/* --- handles -------------------------------------------------------------------------------- */

static long g_handles[MAX_HANDLES];

static int open_handles_until_failure(long* error) {
    for (int count = 0; count < MAX_HANDLES; ++count) {
        g_handles[count] = raw_call(SYSCALL_MUTEX_CREATE);
        if (is_error(g_handles[count])) {
            *error = g_handles[count];
            return count;
        }
    }
    *error = 0;
    return MAX_HANDLES;
}

static void close_handles(int count) {
    for (int i = 0; i < count; ++i)
        EXPECT_VALUE(raw_call(SYSCALL_CLOSE, g_handles[i]), 0);
}

/* The handle table has a limit per process (EMFILE), so the count is exact. */
static void check_handle_exhaustion(void) {
    long error;
    int first = open_handles_until_failure(&error);
    EXPECT_ERROR(error, EMFILE);
    close_handles(first);
    int second = open_handles_until_failure(&error);
    close_handles(second);
    expect_that(first == second, "handles again: expected %d as before, got %d", first, second);
    printf("exhaustion: %d handles besides the console's\n", first);
}

/* --- memory --------------------------------------------------------------------------------- */

struct Block {
    struct Block* next;
};

/* Last, because the heap keeps the memory it got until the process ends. */
static void check_malloc_exhaustion(void) {
    enum { BIG = 1 << 20 };
    struct Block* blocks = NULL;
    int count = 0;
    for (struct Block* block; (block = malloc(BIG)) != NULL; ++count) {
        block->next = blocks;
        blocks = block;
    }
    expect_that(errno == ENOMEM, "malloc until it fails: expected ENOMEM, got %s after %d MiB",
                error_name(errno), count);
    void* small = malloc(64); /* the heap grows by what one request needs when it must */
    expect_that(small != NULL, "malloc(64) after %d MiB: expected memory, got NULL", count);
    free(small);
    while (blocks) {
        struct Block* next = blocks->next;
        free(blocks);
        blocks = next;
    }
    void* again = malloc(BIG);
    EXPECT_TRUE(again != NULL);
    free(again);
    printf("exhaustion: malloc gave %d MiB\n", count);
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "sleep") == 0) {
        for (;;)
            sleep(1000);
    }
    const char* self = program_path(argv, "exhaustion");
    check_spawn_exhaustion(self);
    check_thread_exhaustion();
    check_handle_exhaustion();
    check_malloc_exhaustion();
    return finish_checks("exhaustion");
}
