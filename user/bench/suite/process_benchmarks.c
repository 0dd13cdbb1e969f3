/* Processes: the cheapest way into the kernel and back (a system call that does nothing but
 * answer), a switch between two processes (different page directories), and the whole life of
 * a process (posix_spawn of a program that ends at once, waitpid). */
#include "benchmarks.h"

#include <errno.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* Spawns start up a whole process each: fewer samples keep the run short. */
#define SPAWN_SAMPLES 501

static int get_process_id(void* unused) {
    (void)unused;
    return getpid() > 0 ? 0 : errno;
}

int user_null_system_call(struct sampler* sampler) {
    return sampler_time_each(sampler, 1, get_process_id, NULL);
}

static int yield_once(void* unused) {
    (void)unused;
    return sched_yield() == 0 ? 0 : errno;
}

/* Waits for `child` and checks that it ended with status 0. */
static int collect(pid_t child) {
    int status;
    if (waitpid(child, &status, 0) != child)
        return errno;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : ECHILD;
}

/* The partner process yields exactly as many times as this one will, plus a few: while both
 * yield, each yield switches to the other process. At the end the partner yields its few last
 * times alone and ends, and waitpid collects it. */
int user_process_yield(struct sampler* sampler) {
    char count[16];
    snprintf(count, sizeof count, "%lu",
             (unsigned long)(sampler_warm_up_count(sampler) + sampler->capacity + 10));
    char* arguments[] = {"yielder", count, NULL};
    pid_t partner;
    int error = posix_spawn(&partner, "/bench/yielder", NULL, NULL, arguments, NULL);
    if (error != 0)
        return error;
    error = sampler_time_each(sampler, 2, yield_once, NULL);
    int collected = collect(partner);
    return error != 0 ? error : collected;
}

int spawn_empty_and_wait(void* unused) {
    (void)unused;
    char* arguments[] = {"empty", NULL};
    pid_t child;
    int error = posix_spawn(&child, "/bench/empty", NULL, NULL, arguments, NULL);
    if (error != 0)
        return error;
    return collect(child);
}

int user_spawn_wait(struct sampler* sampler) {
    sampler_limit(sampler, SPAWN_SAMPLES);
    return sampler_time_each(sampler, 1, spawn_empty_and_wait, NULL);
}
