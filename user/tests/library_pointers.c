/* User test: the user library given bad pointers. A function that takes an argument from, or
 * hands a result back through, a caller's pointer never touches that pointer itself: it passes
 * it to the kernel, or copies through the kernel (copy_memory), so a null, unmapped, kernel or
 * read-only pointer gives EFAULT and the program goes on, as the system calls of Linux do. The
 * exception, as on Linux: the object a function works on (a sem_t, a pthread_mutex_t) is read
 * directly, and a bad one ends the program with SIGSEGV (docs/user-space.md, "Bad pointers").
 *
 * Unlike `pointers`, which makes raw system calls, this test calls the library's functions. */
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <os.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Just below the area of thread stacks and shared memory, far above the heap: never mapped. */
#define UNMAPPED 0x3FFFF000u

static const char* g_self;
static const char g_read_only[64] = "constants cannot be written";

/* Where a function may neither read nor write. */
static const uintptr_t BAD_ADDRESSES[] = {0, UNMAPPED, 0xC0000000u, 0xC0100000u, 0xFFFFFFFCu};
#define BAD_COUNT (sizeof BAD_ADDRESSES / sizeof BAD_ADDRESSES[0])

static void* bad(size_t index) {
    check_context("address %#lx", (unsigned long)BAD_ADDRESSES[index]);
    return (void*)BAD_ADDRESSES[index];
}

static void* nothing(void* argument) {
    return argument;
}

/* True when the test has no child left (nothing was started by a refused spawn). */
static int has_no_children(void) {
    int status;
    return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

static void check_time_functions(void) {
    struct timespec short_nap = {0, 1000000};
    for (size_t i = 0; i < BAD_COUNT; ++i) {
        void* address = bad(i);
        EXPECT_ERRNO(clock_gettime(CLOCK_MONOTONIC, address), EFAULT);
        EXPECT_ERRNO(nanosleep(address, NULL), EFAULT);
        /* remaining is written only after an interruption, which never comes: not an error. */
        EXPECT_VALUE(nanosleep(&short_nap, address), 0);
        if (address != NULL) /* time(NULL) only returns the time */
            EXPECT_ERRNO(time(address), EFAULT);
    }
    check_context("read-only constants");
    EXPECT_ERRNO(clock_gettime(CLOCK_MONOTONIC, (void*)g_read_only), EFAULT);
    EXPECT_ERRNO(time((time_t*)g_read_only), EFAULT);
    check_context(NULL);
    time_t now = 0;
    EXPECT_TRUE(time(&now) > 0 && time(NULL) >= now);
}

static void check_processes(void) {
    char* argv[] = {(char*)g_self, "quiet", NULL};
    pid_t child;
    int status;
    for (size_t i = 0; i < BAD_COUNT; ++i) {
        void* address = bad(i);
        if (address != NULL) { /* a NULL pid means "do not tell me" */
            EXPECT_VALUE(posix_spawn(address, g_self, NULL, NULL, argv, NULL), EFAULT);
            EXPECT_VALUE(posix_spawnp(address, "hello", NULL, NULL, argv, NULL), EFAULT);
        }
        EXPECT_VALUE(posix_spawn(&child, address, NULL, NULL, argv, NULL), EFAULT);
        EXPECT_VALUE(posix_spawnp(&child, address, NULL, NULL, argv, NULL), EFAULT);
        EXPECT_TRUE(has_no_children());
    }
    check_context("read-only pid");
    EXPECT_VALUE(posix_spawn((pid_t*)g_read_only, g_self, NULL, NULL, argv, NULL), EFAULT);
    EXPECT_TRUE(has_no_children());
    check_context(NULL);

    /* A bad status pointer leaves the child to a later wait. */
    EXPECT_VALUE(posix_spawn(&child, g_self, NULL, NULL, argv, NULL), 0);
    for (size_t i = 1; i < BAD_COUNT; ++i) {
        EXPECT_ERRNO(waitpid(child, bad(i), 0), EFAULT);
        EXPECT_ERRNO(wait(bad(i)), EFAULT);
    }
    check_context(NULL);
    EXPECT_VALUE(waitpid(child, &status, 0), child);
    expect_exited("library_pointers quiet", status, 0);
}

static void check_threads(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_mutexattr_t mutex_attributes;
    pthread_attr_init(&attributes);
    pthread_mutexattr_init(&mutex_attributes);
    for (size_t i = 0; i < BAD_COUNT; ++i) {
        void* address = bad(i);
        EXPECT_VALUE(pthread_create(address, NULL, nothing, NULL), EFAULT);
        EXPECT_VALUE(pthread_attr_getdetachstate(&attributes, address), EFAULT);
        EXPECT_VALUE(pthread_mutexattr_gettype(&mutex_attributes, address), EFAULT);
    }
    check_context(NULL);
    /* A bad result pointer leaves the thread joinable. */
    void* result = NULL;
    EXPECT_VALUE(pthread_create(&thread, NULL, nothing, (void*)42), 0);
    for (size_t i = 1; i < BAD_COUNT; ++i)
        EXPECT_VALUE(pthread_join(thread, bad(i)), EFAULT);
    check_context(NULL);
    EXPECT_VALUE(pthread_join(thread, &result), 0);
    EXPECT_VALUE((long)result, 42);
}

static void check_semaphores_and_memory(void) {
    sem_t semaphore;
    EXPECT_VALUE(sem_init(&semaphore, 0, 3), 0);
    for (size_t i = 0; i < BAD_COUNT; ++i) {
        void* address = bad(i);
        EXPECT_ERRNO(sem_getvalue(&semaphore, address), EFAULT);
        EXPECT_ERRNO(sem_open(address, O_CREAT, 0, 1), EFAULT);
        EXPECT_ERRNO(sem_unlink(address), EFAULT);
        EXPECT_ERRNO(shm_open(address, O_CREAT | O_RDWR, 0), EFAULT);
        EXPECT_ERRNO(shm_unlink(address), EFAULT);
    }
    check_context(NULL);
    int value = 0;
    EXPECT_VALUE(sem_getvalue(&semaphore, &value), 0);
    EXPECT_VALUE(value, 3);
    EXPECT_VALUE(sem_destroy(&semaphore), 0);
}

static void check_files_and_listings(void) {
    struct stat status;
    int file = open(g_self, O_RDONLY);
    EXPECT_TRUE(file >= 0);
    for (size_t i = 0; i < BAD_COUNT; ++i) {
        void* address = bad(i);
        EXPECT_ERRNO(open(address, O_RDONLY), EFAULT);
        EXPECT_ERRNO(stat(address, &status), EFAULT);
        EXPECT_ERRNO(stat(g_self, address), EFAULT);
        EXPECT_ERRNO(read(file, address, 1), EFAULT);
        EXPECT_ERRNO(write(1, address, 1), EFAULT);
        EXPECT_ERRNO(os_process_info(0, address), EFAULT);
        EXPECT_ERRNO(os_process_list(address, 4), EFAULT);
        EXPECT_ERRNO(os_thread_list(address, 4), EFAULT);
        EXPECT_ERRNO(os_system_info(address), EFAULT);
    }
    check_context(NULL);
    close(file);
}

/* The documented exception: a bad object ends the program, as on Linux. */
static int use_bad_object(const char* which) {
    if (strcmp(which, "semaphore") == 0)
        sem_post((sem_t*)UNMAPPED);
    else
        pthread_mutex_lock((pthread_mutex_t*)UNMAPPED);
    return 99; /* not reached */
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "quiet") == 0)
        return 0;
    if (argc == 3 && strcmp(argv[1], "object") == 0)
        return use_bad_object(argv[2]);
    g_self = program_path(argv, "library_pointers");
    check_time_functions();
    check_processes();
    check_threads();
    check_semaphores_and_memory();
    check_files_and_listings();
    expect_killed("a bad sem_t", run_child(g_self, "object", "semaphore"), SIGSEGV);
    expect_killed("a bad pthread_mutex_t", run_child(g_self, "object", "mutex"), SIGSEGV);
    return finish_checks("library_pointers");
}
