/* run_all: the driver of the user test suite. It runs each test program of /tests in turn (all
 * of them, or the ones named as arguments): "RUN name" before it, then, after it, checks that
 * nothing leaked (the kernel's free frames, kernel heap use, process and thread counts must be
 * what they were before the first test), and prints "PASS name" or "FAIL name (how it ended, or
 * what leaked)" and "TIME name N ms". A leak is pinned on the program that left it. It ends with
 *     user tests: N passed, M failed
 * and exits with 0 only when M is 0. docs/user-tests.md explains how a test boot runs it. */
#include <os.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Every test program, in the order they run. There is no call to list a folder yet, so a new
 * test is added here by hand. exhaustion goes last: it fills memory, and whatever comes after
 * it would run with a fragmented kernel heap. */
static const char* const SUITE[] = {
    "library", "cxx_runtime", "pointers",  "library_pointers", "calls",    "contract",   "handles",
    "faults",  "spawn_wait",  "lifecycle", "sharing",          "fairness", "exhaustion",
};
enum { SUITE_SIZE = sizeof SUITE / sizeof SUITE[0] };

enum { TEST_TIMEOUT_MS = 300000, POLL_MS = 10, SETTLE_MS = 2000 };

/* Waits for `child` until the timeout; says whether it ended (and then fills *status). */
static int wait_with_timeout(pid_t child, int* status, uint64_t timeout_ms) {
    uint64_t deadline = os_uptime_ms() + timeout_ms;
    while (os_uptime_ms() < deadline) {
        pid_t ended = waitpid(child, status, WNOHANG);
        if (ended == child)
            return 1;
        if (ended < 0)
            return 0;
        usleep(POLL_MS * 1000);
    }
    return 0;
}

static void describe(int status, char* text, size_t size) {
    if (WIFEXITED(status))
        snprintf(text, size, "exit status %d", WEXITSTATUS(status));
    else
        snprintf(text, size, "killed by signal %d", WTERMSIG(status));
}

/* Runs /tests/NAME with `argument` (may be NULL); prints a failure, never a pass (the caller
 * does, after the leak check). Returns 1 when it exited with status 0. */
static int run_test(const char* name, char* argument) {
    char path[64];
    snprintf(path, sizeof path, "/tests/%s", name);
    char* argv[] = {path, argument, NULL};
    pid_t child;
    int status;
    char how[48];
    fflush(stdout);
    int error = posix_spawn(&child, path, NULL, NULL, argv, NULL);
    if (error != 0) {
        printf("FAIL %s (cannot start it: %s)\n", name, strerror(error));
        return 0;
    }
    if (!wait_with_timeout(child, &status, TEST_TIMEOUT_MS)) {
        kill(child, SIGKILL);
        waitpid(child, &status, 0);
        printf("FAIL %s (still running after %d s: killed)\n", name, TEST_TIMEOUT_MS / 1000);
        return 0;
    }
    int passed = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    describe(status, how, sizeof how);
    if (!passed)
        printf("FAIL %s (%s)\n", name, how);
    return passed;
}

static int same_usage(const struct abi_system_info* a, const struct abi_system_info* b) {
    /* A program that ended leaves its read-only pages in the kernel's program-image cache: they
     * count with the free frames (the kernel gives them back when memory is short). */
    return a->free_frames + a->unused_program_frames == b->free_frames + b->unused_program_frames &&
           a->kernel_heap_used == b->kernel_heap_used && a->process_count == b->process_count &&
           a->thread_count == b->thread_count;
}

/* The kernel may finish returning an ended process's memory a moment after wait has reported
 * it (a kernel stack freed once the thread is off it, say), so a difference is only a leak when
 * it lasts. */
static int check_leaks(const char* name, const struct abi_system_info* before) {
    struct abi_system_info after;
    for (int waited = 0; waited <= SETTLE_MS; waited += POLL_MS) {
        if (os_system_info(&after) == 0 && same_usage(before, &after))
            return 1;
        usleep(POLL_MS * 1000);
    }
    printf("FAIL %s (leaked, before -> after: free frames %u -> %u, kernel heap %u -> %u bytes, "
           "processes %u -> %u, threads %u -> %u)\n",
           name, before->free_frames, after.free_frames, before->kernel_heap_used,
           after.kernel_heap_used, before->process_count, after.process_count, before->thread_count,
           after.thread_count);
    return 0;
}

int main(int argc, char** argv) {
    if (argc == 2 && strcmp(argv[1], "warm-up") == 0)
        return 0;
    const char* const* names = argc > 1 ? (const char* const*)argv + 1 : SUITE;
    int count = argc > 1 ? argc - 1 : SUITE_SIZE;
    /* A first spawn may fill caches in the kernel for good; that is not a leak, so it happens
     * before the measurement. It also takes this program's stack as deep as the tests will. */
    run_test("run_all", "warm-up");
    struct abi_system_info before;
    if (os_system_info(&before) != 0) {
        perror("run_all: system_info");
        return 1;
    }
    int passed = 0;
    for (int i = 0; i < count; ++i) {
        printf("RUN %s\n", names[i]);
        uint64_t started = os_uptime_ms();
        /* Both verdicts, each once: a program that failed may also have leaked. */
        int exited_well = run_test(names[i], NULL);
        int kept_nothing = check_leaks(names[i], &before);
        if (exited_well && kept_nothing) {
            printf("PASS %s\n", names[i]);
            ++passed;
        }
        printf("TIME %s %llu ms\n", names[i], (unsigned long long)(os_uptime_ms() - started));
        /* After a leak, the next program is measured against what is left now. */
        if (!kept_nothing)
            os_system_info(&before);
    }
    int failed = count - passed;
    printf("user tests: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
