// The factory: sets up what the workshops share (notice board, loading dock, the board's pen),
// starts the workshops and the trespasser with posix_spawn, watches them, and sums up.

#include "workshop.h"

#include "platform.h"
#include "report.h"
#include "timing.h"

#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define FRAME_INTERVAL_US 100000
#define OPENING_TIMEOUT_NS (10000 * NANOSECONDS_PER_MILLISECOND)

void factory_event(Factory* factory, const char* format, ...) {
    char text[160];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    pthread_mutex_lock(&factory->records);
    if (factory->settings->plain)
        report_event("%s", text);
    else
        recent_events_add(&factory->events, text);
    pthread_mutex_unlock(&factory->records);
}

// Starts this program again in a role ("workshop" or "trespasser") with the factory's settings.
static int spawn_role(const Factory* factory, const char* program_path, const char* role,
                      int number) {
    const FactorySettings* settings = factory->settings;
    char values[7][16];
    int numbers[7] = {(int)getpid(),    number,         settings->workers,
                      settings->rounds, settings->bays, settings->make_ms,
                      settings->dock_ms};
    for (int i = 0; i < 7; i++)
        snprintf(values[i], sizeof values[i], "%d", numbers[i]);
    char* arguments[] = {(char*)program_path,
                         "--workshop-role",
                         (char*)role,
                         "--factory-id",
                         values[0],
                         "--number",
                         values[1],
                         "--workers",
                         values[2],
                         "--rounds",
                         values[3],
                         "--bays",
                         values[4],
                         "--make-ms",
                         values[5],
                         "--dock-ms",
                         values[6],
                         settings->plain ? "--plain" : NULL,
                         NULL};
    char* environment[] = {NULL};
    pid_t pid = 0;
    fflush(stdout);
    int error = posix_spawn(&pid, program_path, NULL, NULL, arguments, environment);
    if (error != 0) {
        fprintf(stderr, "factory: cannot start a %s: %s\n", role, strerror(error));
        return 0;
    }
    return (int)pid;
}

static void describe_end(char* text, int size, int status) {
    if (WIFEXITED(status))
        snprintf(text, (size_t)size, "exit status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(text, (size_t)size, "stopped by the kernel (%s)",
                 platform_signal_name(WTERMSIG(status)));
    else
        snprintf(text, (size_t)size, "status 0x%x", (unsigned)status);
}

// Waits for each workshop in turn, so the main thread stays free to draw.
static void* wait_for_workshops(void* argument) {
    Factory* factory = argument;
    for (int i = 0; i < factory->started; i++) {
        int status = 0;
        if (waitpid(factory->pids[i], &status, 0) != factory->pids[i])
            status = -1;
        char end[64];
        describe_end(end, sizeof end, status);
        factory_event(factory, "W%d (pid %d) has closed: %s", i + 1, factory->pids[i], end);
        pthread_mutex_lock(&factory->records);
        factory->statuses[i] = status;
        factory->ended[i] = true;
        factory->ended_count++;
        factory->finished_ns = now_ns();
        pthread_mutex_unlock(&factory->records);
    }
    return NULL;
}

static bool all_open(const Factory* factory) {
    for (int i = 0; i < factory->started; i++)
        if (factory->board->notices[i].state == WORKSHOP_NOT_STARTED)
            return false;
    return true;
}

// The trespasser goes in once the workshops have posted their addresses on the board.
static void send_trespasser(Factory* factory, const char* program_path, Screen* screen) {
    int64_t deadline = now_ns() + OPENING_TIMEOUT_NS;
    while (!all_open(factory) && now_ns() < deadline) {
        if (!factory->settings->plain)
            draw_factory(screen, factory);
        sleep_us(20000);
    }
    factory->trespasser_pid = spawn_role(factory, program_path, "trespasser", 0);
    if (factory->trespasser_pid == 0)
        return;
    int status = 0;
    if (waitpid(factory->trespasser_pid, &status, 0) != factory->trespasser_pid)
        status = -1;
    factory->trespasser_status = status;
    char end[64];
    describe_end(end, sizeof end, status);
    factory_event(factory, "trespasser %s; factory goes on", end);
}

// Watches until every workshop has closed; past the time limit, stops the ones still open.
static void watch(Factory* factory, Screen* screen) {
    int64_t deadline = factory->started_ns +
                       (int64_t)factory->settings->timeout_s * 1000 * NANOSECONDS_PER_MILLISECOND;
    for (;;) {
        if (!factory->settings->plain)
            draw_factory(screen, factory);
        pthread_mutex_lock(&factory->records);
        bool done = factory->ended_count == factory->started;
        bool overdue = !factory->timed_out && now_ns() > deadline;
        if (overdue)
            factory->timed_out = true;
        pthread_mutex_unlock(&factory->records);
        if (done)
            return;
        if (overdue) {
            factory_event(factory, "time is up after %d s: stopping the workshops still open",
                          factory->settings->timeout_s);
            pthread_mutex_lock(&factory->records);
            for (int i = 0; i < factory->started; i++)
                if (!factory->ended[i])
                    kill(factory->pids[i], SIGKILL);
            pthread_mutex_unlock(&factory->records);
        }
        sleep_us(factory->settings->plain ? 20000 : FRAME_INTERVAL_US);
    }
}

static void prepare_board(NoticeBoard* board, const FactorySettings* settings) {
    board->origin_ns = report_origin();
    board->units_per_ms = work_units_per_ms();
    board->workshops = settings->workshops;
    board->workers = settings->workers;
    board->rounds = settings->rounds;
    board->bays = settings->bays;
}

// Starts the workshops and the trespasser and watches until every workshop has closed.
static void run_workshops(Factory* factory, const char* program_path) {
    static Screen screen;
    const FactorySettings* settings = factory->settings;
    factory->started_ns = now_ns();
    for (int i = 0; i < settings->workshops; i++) {
        factory->pids[i] = spawn_role(factory, program_path, "workshop", i + 1);
        if (factory->pids[i] == 0)
            break;
        factory->started++;
    }
    if (!settings->no_trespasser)
        send_trespasser(factory, program_path, &screen);
    pthread_t waiter;
    if (pthread_create(&waiter, NULL, wait_for_workshops, factory) == 0) {
        watch(factory, &screen);
        pthread_join(waiter, NULL);
    } else {
        wait_for_workshops(factory); // no picture then, but no workshop left behind either
    }
    if (!settings->plain) {
        draw_factory(&screen, factory);
        screen_close(&screen);
    }
}

int run_factory(const FactorySettings* settings, const char* program_path) {
    static Factory factory;
    factory.settings = settings;
    pthread_mutex_init(&factory.records, NULL);
    int id = (int)getpid();
    factory_objects_remove(id); // in case an earlier process with this pid left them behind
    factory.board = board_create(id);
    sem_t* dock = dock_open(id, settings->bays);
    sem_t* pen = pen_open(id, true);
    if (!factory.board || !dock || !pen) {
        fprintf(stderr, "factory: cannot create the notice board, the dock or the pen\n");
        factory_objects_remove(id);
        return 1;
    }
    prepare_board(factory.board, settings);
    if (settings->plain)
        report_event("factory (pid %d): %d workshops x %d workers, a dock with %d bays", id,
                     settings->workshops, settings->workers, settings->bays);
    run_workshops(&factory, program_path);
    int status = summarize_factory(&factory);
    sem_close(dock);
    sem_close(pen);
    munmap(factory.board, sizeof(NoticeBoard));
    factory_objects_remove(id);
    pthread_mutex_destroy(&factory.records);
    return status;
}
