/* Locks and signals from user space: a pthread mutex and a one-key semaphore (both kernel
 * objects behind a handle, so every operation is a system call) taken and given back with
 * nobody else interested; the same passed between two threads that both want it; and two
 * threads signalling each other through two semaphores. In the contended ones a sample is one
 * round trip of the measuring thread, two hand-offs, so the report is per hand-off. The same
 * patterns as the kernel's (kernel/bench/sync_benchmarks.cpp). */
#include "benchmarks.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stddef.h>

struct shared {
    pthread_mutex_t mutex;
    sem_t key;  /* one-key semaphore */
    sem_t ping; /* signals */
    sem_t pong;
    int stop;
    int partner_ready;
};

static int lock_and_unlock(void* argument) {
    struct shared* shared = argument;
    int error = pthread_mutex_lock(&shared->mutex);
    return error != 0 ? error : pthread_mutex_unlock(&shared->mutex);
}

int user_mutex_uncontended(struct sampler* sampler) {
    struct shared shared;
    int error = pthread_mutex_init(&shared.mutex, NULL);
    if (error != 0)
        return error;
    error = sampler_time_each(sampler, 1, lock_and_unlock, &shared);
    pthread_mutex_destroy(&shared.mutex);
    return error;
}

static int wait_and_post(void* argument) {
    struct shared* shared = argument;
    if (sem_wait(&shared->key) != 0 || sem_post(&shared->key) != 0)
        return errno;
    return 0;
}

int user_semaphore_uncontended(struct sampler* sampler) {
    struct shared shared;
    if (sem_init(&shared.key, 0, 1) != 0)
        return errno;
    int error = sampler_time_each(sampler, 1, wait_and_post, &shared);
    sem_destroy(&shared.key);
    return error;
}

/* Runs `partner` in a second thread and lets it reach the place where it waits (it sets
 * partner_ready just before), takes the samples, then sets stop, lets the partner have what it
 * waits for with `release`, and joins it. If the partner has not quite blocked when the timing
 * starts, the warm-up absorbs it: from the first hand-off on, the two alternate. */
static int with_partner(struct sampler* sampler, struct shared* shared, void* (*partner)(void*),
                        bench_operation operation, bench_operation release) {
    pthread_t thread;
    shared->stop = 0;
    shared->partner_ready = 0;
    int error = pthread_create(&thread, NULL, partner, shared);
    if (error != 0) {
        release(shared);
        return error;
    }
    while (!load_flag(&shared->partner_ready))
        sched_yield();
    sched_yield();
    error = sampler_time_each(sampler, 2, operation, shared);
    store_flag(&shared->stop, 1);
    int released = release(shared);
    void* result;
    int joined = pthread_join(thread, &result);
    if (error == 0)
        error = released;
    if (error == 0)
        error = joined;
    return error == 0 && result != NULL ? EIO : error; /* the partner's lock failed */
}

static void* take_mutex_and_give_back(void* argument) {
    struct shared* shared = argument;
    store_flag(&shared->partner_ready, 1);
    for (;;) {
        if (pthread_mutex_lock(&shared->mutex) != 0)
            return shared;
        int stop = load_flag(&shared->stop);
        if (pthread_mutex_unlock(&shared->mutex) != 0)
            return shared;
        if (stop)
            return NULL;
    }
}

static int unlock_then_lock(void* argument) {
    struct shared* shared = argument;
    int error = pthread_mutex_unlock(&shared->mutex);
    return error != 0 ? error : pthread_mutex_lock(&shared->mutex);
}

static int unlock(void* argument) {
    struct shared* shared = argument;
    return pthread_mutex_unlock(&shared->mutex);
}

int user_mutex_handoff(struct sampler* sampler) {
    struct shared shared;
    int error = pthread_mutex_init(&shared.mutex, NULL);
    if (error != 0)
        return error;
    error = pthread_mutex_lock(&shared.mutex);
    if (error == 0)
        error = with_partner(sampler, &shared, take_mutex_and_give_back, unlock_then_lock, unlock);
    pthread_mutex_destroy(&shared.mutex);
    return error;
}

static void* take_key_and_give_back(void* argument) {
    struct shared* shared = argument;
    store_flag(&shared->partner_ready, 1);
    for (;;) {
        if (sem_wait(&shared->key) != 0)
            return shared;
        int stop = load_flag(&shared->stop);
        if (sem_post(&shared->key) != 0)
            return shared;
        if (stop)
            return NULL;
    }
}

static int post_then_wait(void* argument) {
    struct shared* shared = argument;
    if (sem_post(&shared->key) != 0 || sem_wait(&shared->key) != 0)
        return errno;
    return 0;
}

static int post_key(void* argument) {
    struct shared* shared = argument;
    return sem_post(&shared->key) == 0 ? 0 : errno;
}

int user_semaphore_handoff(struct sampler* sampler) {
    struct shared shared;
    if (sem_init(&shared.key, 0, 0) != 0) /* this thread holds the one key */
        return errno;
    int error = with_partner(sampler, &shared, take_key_and_give_back, post_then_wait, post_key);
    sem_destroy(&shared.key);
    return error;
}

static void* answer_each_ping(void* argument) {
    struct shared* shared = argument;
    store_flag(&shared->partner_ready, 1);
    for (;;) {
        if (sem_wait(&shared->ping) != 0)
            return shared;
        if (load_flag(&shared->stop))
            return NULL;
        if (sem_post(&shared->pong) != 0)
            return shared;
    }
}

static int ping_then_wait(void* argument) {
    struct shared* shared = argument;
    if (sem_post(&shared->ping) != 0 || sem_wait(&shared->pong) != 0)
        return errno;
    return 0;
}

static int last_ping(void* argument) {
    struct shared* shared = argument;
    return sem_post(&shared->ping) == 0 ? 0 : errno;
}

int user_semaphore_ping_pong(struct sampler* sampler) {
    struct shared shared;
    if (sem_init(&shared.ping, 0, 0) != 0)
        return errno;
    if (sem_init(&shared.pong, 0, 0) != 0) {
        int error = errno;
        sem_destroy(&shared.ping);
        return error;
    }
    int error = with_partner(sampler, &shared, answer_each_ping, ping_then_wait, last_ping);
    sem_destroy(&shared.ping);
    sem_destroy(&shared.pong);
    return error;
}
