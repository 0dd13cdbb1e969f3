/* What a program's operations cost while it shares the CPU with programs that never block: a
 * null system call, spawn+wait, and a sleep/wake-up (a thread wakes another through a semaphore
 * and sleeps until that one wakes it back), each alone and next to 1 and 4 copies of
 * /bench/spinner. Round robin owes the program 1/(K+1) of the CPU next to K spinners, so each
 * figure should be about K+1 times the one alone, not one operation per time slice.
 *
 * A sample here is a window of WINDOW_TICKS timer ticks, a few rounds of every spinner's time
 * slice, not one operation: the operations completed in the window share its cycles. The
 * median of the windows is then the cost per operation with the waits for the CPU included,
 * which is what a share of the CPU means. Timing single operations would show the fast ones
 * and hide the waits in the few slow ones. */
#include "benchmarks.h"

#include <errno.h>
#include <os.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#define WINDOW_TICKS 50
#define CALIBRATION_TICKS 5
#define MOST_SPINNERS 4
/* Windows are long: a few of them per benchmark, fewer in the quick mode of `make test`. */
#define FEWEST_WINDOWS 2
#define MOST_WINDOWS 5
#define SAMPLES_PER_WINDOW 200
/* The quick mode (fewer samples than one window's worth: `make test` only checks that every
 * benchmark runs and reports) uses windows of 5 ticks, shorter than one round of 5 programs with
 * the default 3-tick slice: rough figures, a tenth of the emulated time. Emulated time is dear
 * under -icount, where the spinners make every tick 10 million instructions. */
#define QUICK_WINDOW_TICKS 5

struct share_run {
    bench_operation operation;
    void* context;
    uint32_t operations_per_run;
};

/* The TSC cycles of one timer tick, counted over CALIBRATION_TICKS ticks from a tick's start
 * (before the spinners start), so that a window can be timed with rdtsc alone: looking at the
 * kernel's clock would add a system call to every operation. 0 when the clock does not tick. */
static uint64_t cycles_per_tick(void) {
    struct abi_system_info info;
    if (os_system_info(&info) != 0 || info.timer_hz == 0)
        return 0;
    uint64_t tick_ms = 1000 / info.timer_hz;
    uint64_t edge = os_uptime_ms();
    while (os_uptime_ms() == edge)
        continue;
    uint64_t start = read_cycles();
    uint64_t start_ms = os_uptime_ms();
    while (os_uptime_ms() - start_ms < CALIBRATION_TICKS * tick_ms)
        continue;
    return (read_cycles() - start) / CALIBRATION_TICKS;
}

static int stop_spinners(const pid_t* spinners, int count) {
    int error = 0;
    for (int index = 0; index < count; ++index) {
        int status;
        if (kill(spinners[index], SIGKILL) != 0 ||
            waitpid(spinners[index], &status, 0) != spinners[index])
            error = error != 0 ? error : errno;
        else if (!WIFSIGNALED(status) && error == 0)
            error = ECHILD; /* a spinner never ends on its own */
    }
    return error;
}

static int start_spinners(pid_t* spinners, int count) {
    for (int index = 0; index < count; ++index) {
        char* arguments[] = {"spinner", NULL};
        int error = posix_spawn(&spinners[index], "/bench/spinner", NULL, NULL, arguments, NULL);
        if (error != 0) {
            stop_spinners(spinners, index);
            return error;
        }
    }
    return 0;
}

/* Runs the operation until `length` cycles have passed; records the window unless it is the
 * warm-up. */
static int run_window(struct sampler* sampler, const struct share_run* run, uint64_t length,
                      bool record) {
    uint32_t operations = 0;
    uint64_t start = read_cycles();
    uint64_t now;
    do {
        int error = run->operation(run->context);
        if (error != 0)
            return error;
        operations += run->operations_per_run;
        now = read_cycles();
    } while (now - start < length);
    if (record)
        sampler_record(sampler, now - start, operations);
    return 0;
}

/* One untimed window (the warm-up, which also lets the spinners get going), then the timed
 * ones, with `spinner_count` spinners beside this program all along. */
static int measure_share(struct sampler* sampler, int spinner_count, const struct share_run* run) {
    uint32_t windows = sampler->capacity / SAMPLES_PER_WINDOW;
    sampler_limit(sampler, windows < FEWEST_WINDOWS ? FEWEST_WINDOWS
                           : windows > MOST_WINDOWS ? MOST_WINDOWS
                                                    : windows);
    sampler_add_detail(sampler, "busy", (uint64_t)spinner_count);
    bool quick = sampler->capacity < SAMPLES_PER_WINDOW;
    uint64_t length = cycles_per_tick() * (quick ? QUICK_WINDOW_TICKS : WINDOW_TICKS);
    if (length == 0)
        return EINVAL;
    sampler_add_detail(sampler, "window", length);
    pid_t spinners[MOST_SPINNERS];
    int error = start_spinners(spinners, spinner_count);
    if (error != 0)
        return error;
    error = run_window(sampler, run, length, false);
    while (error == 0 && sampler->count < sampler->capacity)
        error = run_window(sampler, run, length, true);
    int stopped = stop_spinners(spinners, spinner_count);
    return error != 0 ? error : stopped;
}

/* --- a null system call ---------------------------------------------------------------------- */

static int get_process_id(void* unused) {
    (void)unused;
    return getpid() > 0 ? 0 : errno;
}

static int null_calls(struct sampler* sampler, int spinner_count) {
    struct share_run run = {get_process_id, NULL, 1};
    return measure_share(sampler, spinner_count, &run);
}

int user_share_null_call_alone(struct sampler* sampler) {
    return null_calls(sampler, 0);
}
int user_share_null_call_busy1(struct sampler* sampler) {
    return null_calls(sampler, 1);
}
int user_share_null_call_busy4(struct sampler* sampler) {
    return null_calls(sampler, 4);
}

/* --- spawn+wait ------------------------------------------------------------------------------ */

static int spawns(struct sampler* sampler, int spinner_count) {
    struct share_run run = {spawn_empty_and_wait, NULL, 1};
    return measure_share(sampler, spinner_count, &run);
}

int user_share_spawn_wait_alone(struct sampler* sampler) {
    return spawns(sampler, 0);
}
int user_share_spawn_wait_busy1(struct sampler* sampler) {
    return spawns(sampler, 1);
}
int user_share_spawn_wait_busy4(struct sampler* sampler) {
    return spawns(sampler, 4);
}

/* --- a sleep/wake-up ---------------------------------------------------------------------------
 */

struct sleepers {
    sem_t wake_partner;
    sem_t wake_me;
    int stop;
};

/* The partner sleeps until it is woken, then wakes the measuring thread, until told to stop. */
static void* answer_each_wake_up(void* argument) {
    struct sleepers* sleepers = argument;
    for (;;) {
        if (sem_wait(&sleepers->wake_partner) != 0)
            return sleepers;
        if (load_flag(&sleepers->stop))
            return NULL;
        if (sem_post(&sleepers->wake_me) != 0)
            return sleepers;
    }
}

/* Two hand-offs: this thread wakes the partner and sleeps, the partner wakes it back. */
static int wake_partner_and_sleep(void* argument) {
    struct sleepers* sleepers = argument;
    if (sem_post(&sleepers->wake_partner) != 0 || sem_wait(&sleepers->wake_me) != 0)
        return errno;
    return 0;
}

static int sleep_wake_with_partner(struct sampler* sampler, int spinner_count,
                                   struct sleepers* sleepers) {
    pthread_t partner;
    store_flag(&sleepers->stop, 0);
    int error = pthread_create(&partner, NULL, answer_each_wake_up, sleepers);
    if (error != 0)
        return error;
    struct share_run run = {wake_partner_and_sleep, sleepers, 2};
    error = measure_share(sampler, spinner_count, &run);
    store_flag(&sleepers->stop, 1);
    int released = sem_post(&sleepers->wake_partner) == 0 ? 0 : errno;
    void* result;
    int joined = pthread_join(partner, &result);
    if (error == 0)
        error = released != 0 ? released : joined;
    return error == 0 && result != NULL ? EIO : error; /* the partner's semaphore failed */
}

static int sleep_wake(struct sampler* sampler, int spinner_count) {
    struct sleepers sleepers;
    if (sem_init(&sleepers.wake_partner, 0, 0) != 0)
        return errno;
    if (sem_init(&sleepers.wake_me, 0, 0) != 0) {
        int error = errno;
        sem_destroy(&sleepers.wake_partner);
        return error;
    }
    int error = sleep_wake_with_partner(sampler, spinner_count, &sleepers);
    sem_destroy(&sleepers.wake_partner);
    sem_destroy(&sleepers.wake_me);
    return error;
}

int user_share_sleep_wake_alone(struct sampler* sampler) {
    return sleep_wake(sampler, 0);
}
int user_share_sleep_wake_busy1(struct sampler* sampler) {
    return sleep_wake(sampler, 1);
}
int user_share_sleep_wake_busy4(struct sampler* sampler) {
    return sleep_wake(sampler, 4);
}
