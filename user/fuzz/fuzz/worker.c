/* A worker process: T threads (the main one and T - 1 pthreads) that each make their share of
 * the calls, every thread from its own random stream (seed, worker index, thread index). When
 * its share is done, the main thread waits for the others; one that stays blocked (on a mutex a
 * finished thread still holds, a semaphore nobody posts) is freed by closing every public handle,
 * which ends such waits with EBADF. The worker exits with 0 when no call broke the contract. */
#include "fuzz.h"
#include <pthread.h>
#include <unistd.h>

#define MAXIMUM_THREADS 8

static uint8_t g_scratch[MAXIMUM_THREADS][SCRATCH_SIZE] __attribute__((aligned(4096)));
static struct fuzz_thread g_threads[MAXIMUM_THREADS];
static uint32_t g_quota;
static uint32_t g_finished; /* threads that made all their calls */

static void* thread_main(void* argument) {
    struct fuzz_thread* thread = argument;
    while (thread->calls < g_quota)
        fuzz_one(thread);
    __atomic_add_fetch(&g_finished, 1, __ATOMIC_RELAXED);
    return 0;
}

static uint32_t calls_so_far(uint32_t threads) {
    uint32_t total = 0;
    for (uint32_t i = 0; i < threads; ++i)
        total += __atomic_load_n(&g_threads[i].calls, __ATOMIC_RELAXED);
    return total;
}

/* The main thread only watches. The fuzzing threads can block each other for good (each waits
 * for a mutex the other holds, a semaphore nobody will post, a thread that waits itself), as any
 * program can; so whenever no call completes for 100 ms, every public handle is closed, which
 * ends such waits with EBADF. Returns how many threads are still running after 20 s without
 * progress in spite of that (0 when all finished). */
static uint32_t supervise(uint32_t threads, uint32_t running) {
    uint32_t last_calls = 0, quiet_ms = 0, stuck_ms = 0;
    while (__atomic_load_n(&g_finished, __ATOMIC_RELAXED) < running && stuck_ms < 20000) {
        usleep(10000);
        uint32_t now = calls_so_far(threads);
        quiet_ms = now == last_calls ? quiet_ms + 10 : 0;
        last_calls = now;
        if (quiet_ms >= 100) {
            handle_close_all(&g_threads[threads]);
            stuck_ms += quiet_ms;
            quiet_ms = 0;
        }
    }
    return running - __atomic_load_n(&g_finished, __ATOMIC_RELAXED);
}

int worker_main(uint32_t index, uint32_t calls, uint32_t threads) {
    if (threads < 1 || threads >= MAXIMUM_THREADS)
        return 2;
    fuzz_call(SYSCALL_CLOSE, 0, 0, 0, 0, 0); /* console input: a read of it would wait for good */
    values_initialize((int)index);
    g_quota = calls / threads;
    for (uint32_t i = 0; i <= threads; ++i) { /* the last one is the supervisor's */
        random_seed(&g_threads[i].random, g_seed, index, i);
        g_threads[i].process_index = (int)index;
        g_threads[i].thread_index = (int)i;
        g_threads[i].scratch = g_scratch[i];
    }
    pthread_t pthreads[MAXIMUM_THREADS];
    int started[MAXIMUM_THREADS] = {0};
    uint32_t running = 0;
    for (uint32_t i = 0; i < threads; ++i) {
        started[i] = pthread_create(&pthreads[i], 0, thread_main, &g_threads[i]) == 0;
        running += started[i] ? 1 : 0;
    }
    struct fuzz_thread* supervisor = &g_threads[threads];
    uint32_t stuck = supervise(threads, running);
    if (stuck > 0)
        report_violation(supervisor, "%u threads still blocked 20 s after every handle was closed",
                         stuck);
    else
        for (uint32_t i = 0; i < threads; ++i)
            if (started[i])
                pthread_join(pthreads[i], 0);
    handle_close_all(supervisor);
    values_cleanup();
    uint32_t total_calls = 0, violations = 0, scenarios = 0;
    for (uint32_t i = 0; i <= threads; ++i) {
        total_calls += g_threads[i].calls;
        violations += g_threads[i].violations;
        scenarios += g_threads[i].scenarios;
    }
    say("fuzz: worker %u: %u calls, %u scenarios, %u violations\n", index, total_calls, scenarios,
        violations);
    return violations == 0 ? 0 : 1;
}
