/* Threads of one process: a switch from one to another (both yield in turn) and the whole life
 * of a thread (pthread_create of a thread that returns at once, pthread_join). */
#include "benchmarks.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>

static int g_stop_yielding;

static void* yield_until_stopped(void* unused) {
    (void)unused;
    while (!load_flag(&g_stop_yielding))
        sched_yield();
    return NULL;
}

static int yield_once(void* unused) {
    (void)unused;
    return sched_yield() == 0 ? 0 : errno;
}

/* Two runnable threads of this process: a yield is two switches (there and back), with no
 * change of page directory. */
int user_thread_yield(struct sampler* sampler) {
    pthread_t partner;
    store_flag(&g_stop_yielding, 0);
    int error = pthread_create(&partner, NULL, yield_until_stopped, NULL);
    if (error != 0)
        return error;
    error = sampler_time_each(sampler, 2, yield_once, NULL);
    store_flag(&g_stop_yielding, 1);
    int joined = pthread_join(partner, NULL);
    return error != 0 ? error : joined;
}

static void* return_at_once(void* unused) {
    return unused;
}

static int create_and_join(void* unused) {
    (void)unused;
    pthread_t child;
    int error = pthread_create(&child, NULL, return_at_once, NULL);
    if (error != 0)
        return error;
    return pthread_join(child, NULL);
}

int user_thread_create_join(struct sampler* sampler) {
    return sampler_time_each(sampler, 1, create_and_join, NULL);
}
