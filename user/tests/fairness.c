/* User test: a process whose system calls block for a moment keeps its share of the CPU next to
 * processes that never block. Two threads wake each other through two semaphores (every
 * sem_post and sem_wait is a system call, every wait a short block); next to K CPU-bound
 * processes round robin owes them about 1/(K+1) of the CPU, so they must complete a fair part
 * of the hand-offs they complete alone, not one per time slice. Counted in timer ticks, against
 * the same pair alone in the same boot, so a slow or busy host moves both counts alike.
 *
 * The CPU-bound processes are this program again: /tests/fairness spin. */
#include "check.h"
#include <os.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

enum { WARM_UP_TICKS = 10, WINDOW_TICKS = 100, MOST_BUSY = 4 };

struct waking_pair {
    sem_t wake_partner;
    sem_t wake_me;
    int partner_done; /* set before the last wake-up: the partner ends */
};

static uint32_t g_hz;

static uint64_t ticks_now(void) {
    return os_uptime_ms() * g_hz / 1000;
}

static void* answer_each_wake_up(void* argument) {
    struct waking_pair* pair = argument;
    for (;;) {
        if (sem_wait(&pair->wake_partner) != 0)
            return pair;
        if (__atomic_load_n(&pair->partner_done, __ATOMIC_SEQ_CST))
            return NULL;
        if (sem_post(&pair->wake_me) != 0)
            return pair;
    }
}

/* Wakes the partner and sleeps until it answers, over and over; returns the hand-offs (two per
 * round trip) completed in the window of WINDOW_TICKS ticks, or -1. */
static long count_hand_offs(struct waking_pair* pair) {
    uint64_t start = ticks_now() + WARM_UP_TICKS;
    uint64_t end = start + WINDOW_TICKS;
    long hand_offs = 0;
    for (;;) {
        if (sem_post(&pair->wake_partner) != 0 || sem_wait(&pair->wake_me) != 0)
            return -1;
        uint64_t now = ticks_now();
        if (now >= end)
            return hand_offs;
        if (now >= start)
            hand_offs += 2;
    }
}

static long hand_offs_with_partner(void) {
    struct waking_pair pair = {.partner_done = 0};
    if (sem_init(&pair.wake_partner, 0, 0) != 0 || sem_init(&pair.wake_me, 0, 0) != 0)
        return -1;
    pthread_t partner;
    long hand_offs = -1;
    if (pthread_create(&partner, NULL, answer_each_wake_up, &pair) == 0) {
        hand_offs = count_hand_offs(&pair);
        __atomic_store_n(&pair.partner_done, 1, __ATOMIC_SEQ_CST);
        sem_post(&pair.wake_partner);
        void* result;
        if (pthread_join(partner, &result) != 0 || result != NULL)
            hand_offs = -1;
    }
    sem_destroy(&pair.wake_partner);
    sem_destroy(&pair.wake_me);
    return hand_offs;
}

static void stop_spinners(const pid_t* spinners, int count) {
    for (int index = 0; index < count; ++index) {
        int status = -1;
        kill(spinners[index], SIGKILL);
        waitpid(spinners[index], &status, 0);
        expect_killed("fairness spin", status, SIGKILL);
    }
}

/* The hand-offs of a waking pair in WINDOW_TICKS ticks next to `busy` spinning processes. */
static long hand_offs_next_to(int busy, const char* self) {
    pid_t spinners[MOST_BUSY];
    for (int index = 0; index < busy; ++index) {
        char* arguments[] = {(char*)self, "spin", NULL};
        if (posix_spawn(&spinners[index], self, NULL, NULL, arguments, NULL) != 0) {
            expect_that(0, "could not start spinner %d of %d", index + 1, busy);
            stop_spinners(spinners, index);
            return -1;
        }
    }
    long hand_offs = hand_offs_with_partner();
    stop_spinners(spinners, busy);
    printf("fairness: %ld hand-offs in %d ticks next to %d busy processes\n", hand_offs,
           WINDOW_TICKS, busy);
    return hand_offs;
}

int main(int argc, char** argv) {
    if (argc > 1 && strcmp(argv[1], "spin") == 0) {
        volatile unsigned long turns = 0;
        for (;;)
            ++turns;
    }
    const char* self = program_path(argv, "fairness");
    struct abi_system_info info;
    EXPECT_VALUE(os_system_info(&info), 0);
    g_hz = info.timer_hz;
    long alone = hand_offs_next_to(0, self);
    expect_that(alone > 0, "alone: expected some hand-offs, got %ld", alone);
    const int busy_counts[] = {1, MOST_BUSY};
    for (size_t index = 0; index < sizeof busy_counts / sizeof busy_counts[0]; ++index) {
        int busy = busy_counts[index];
        long shared = hand_offs_next_to(busy, self);
        /* The fair share is alone / (K+1); a quarter of it leaves room for the slack of tick
         * accounting and of where the window falls. One hand-off per time slice is far below. */
        long least = alone / (4 * (busy + 1));
        expect_that(shared >= least,
                    "next to %d busy processes: expected at least %ld hand-offs in %d ticks (a "
                    "quarter of the fair share of %ld alone), got %ld",
                    busy, least, WINDOW_TICKS, alone, shared);
    }
    return finish_checks("fairness");
}
