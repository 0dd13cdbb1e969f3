/* Processes: the cheapest way into the kernel and back (a system call that does nothing but
 * answer), a switch between two processes (different page directories) and among a crowd of 20
 * and 60, a round trip between two processes, and the whole life of a process (posix_spawn of a
 * program that ends at once, waitpid). The crowd and the round trip are the operations xv6 is
 * measured on (docs/performance.md, "Like for like with xv6"). */
#include "benchmarks.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
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

/* --- a crowd of processes yielding in turn -------------------------------------------------- */

#define CROWD_START "/bench-crowd-start"
#define LARGEST_CROWD 60

/* Kills and collects `count` crowd members; 0, or the first error. */
static int end_crowd(const pid_t* members, int count) {
    int error = 0;
    for (int index = 0; index < count; ++index) {
        int status;
        if (kill(members[index], SIGKILL) != 0 ||
            waitpid(members[index], &status, 0) != members[index])
            error = error != 0 ? error : errno;
    }
    return error;
}

/* `processes` processes in all (this one and processes - 1 yielders), all runnable, each
 * yielding in turn: one sched_yield() of this process lets every other one run once, so it
 * stands for `processes` switches. The yielders wait on a semaphore so that all of them are
 * there before the first sample; they yield until they are killed. */
static int crowd_yield(struct sampler* sampler, int processes) {
    pid_t members[LARGEST_CROWD];
    int others = processes - 1;
    sem_unlink(CROWD_START);
    sem_t* start = sem_open(CROWD_START, O_CREAT | O_EXCL, 0600, 0);
    if (start == SEM_FAILED)
        return errno;
    int error = 0;
    int started = 0;
    for (; started < others && error == 0; ++started) {
        char* arguments[] = {"yielder", "--crowd", CROWD_START, NULL};
        error = posix_spawn(&members[started], "/bench/yielder", NULL, NULL, arguments, NULL);
        if (error != 0)
            break;
    }
    for (int index = 0; index < started && error == 0; ++index)
        error = sem_post(start) == 0 ? 0 : errno;
    if (error == 0)
        error = sampler_time_each(sampler, (uint32_t)processes, yield_once, NULL);
    int ended = end_crowd(members, started);
    sem_close(start);
    sem_unlink(CROWD_START);
    return error != 0 ? error : ended;
}

int user_process_yield_20(struct sampler* sampler) {
    return crowd_yield(sampler, 20);
}

int user_process_yield_60(struct sampler* sampler) {
    return crowd_yield(sampler, LARGEST_CROWD);
}

/* --- a round trip between two processes ------------------------------------------------------ */

#define PING "/bench-ping"
#define PONG "/bench-pong"

struct round_trip {
    sem_t* ping;
    sem_t* pong;
};

static int ping_and_wait(void* context) {
    struct round_trip* trip = context;
    return sem_post(trip->ping) == 0 && sem_wait(trip->pong) == 0 ? 0 : errno;
}

/* The partner (/bench/ponger) answers every post to PING with a post to PONG, exactly as many
 * times as this process will ask. */
int user_process_round_trip(struct sampler* sampler) {
    sem_unlink(PING);
    sem_unlink(PONG);
    struct round_trip trip = {sem_open(PING, O_CREAT | O_EXCL, 0600, 0),
                              sem_open(PONG, O_CREAT | O_EXCL, 0600, 0)};
    int error = trip.ping == SEM_FAILED || trip.pong == SEM_FAILED ? errno : 0;
    pid_t partner = -1;
    if (error == 0) {
        char count[16];
        snprintf(count, sizeof count, "%lu",
                 (unsigned long)(sampler_warm_up_count(sampler) + sampler->capacity));
        char* arguments[] = {"ponger", PING, PONG, count, NULL};
        error = posix_spawn(&partner, "/bench/ponger", NULL, NULL, arguments, NULL);
    }
    if (error == 0)
        error = sampler_time_each(sampler, 1, ping_and_wait, &trip);
    if (partner > 0) {
        /* After an error the partner may still wait for a ping: end it rather than hang. */
        if (error != 0)
            kill(partner, SIGKILL);
        int collected = collect(partner);
        error = error != 0 ? error : collected;
    }
    if (trip.ping != SEM_FAILED)
        sem_close(trip.ping);
    if (trip.pong != SEM_FAILED)
        sem_close(trip.pong);
    sem_unlink(PING);
    sem_unlink(PONG);
    return error;
}

/* --- the whole life of a process ------------------------------------------------------------- */

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
