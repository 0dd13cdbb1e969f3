// The race: threads add 1 to one shared counter, each increment a read, some work (the window),
// and a write of the value read plus one. A thread that loses the CPU inside the window writes
// back a stale value and erases what the others added meanwhile: the total comes out short.
// With --lock every increment holds a mutex and the total is exact.

#include "options.h"
#include "platform.h"
#include "report.h"
#include "screen.h"
#include "timing.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 16

typedef enum Phase { PHASE_STARTING, PHASE_WAITING, PHASE_WINDOW, PHASE_OUTSIDE, PHASE_DONE } Phase;

typedef struct Race {
    int threads;
    int increments;
    int window_us;
    bool locked; // --lock: a mutex around each increment
    bool yield;  // --yield: give the CPU away inside the window
    bool plain;
    int events_shown; // overwrites printed in plain mode before going quiet
    pthread_mutex_t counter_lock;
    // Shared by all threads without protection on purpose (unless --lock): volatile so the
    // compiler really reads and writes memory at each step, as the picture says.
    volatile long counter;
    // Written by each thread for its own slot only; read by the picture.
    volatile int done[MAX_THREADS];
    volatile int phase[MAX_THREADS];
    volatile long stale[MAX_THREADS]; // the value a thread holds inside its window
    // The bookkeeping lock protects the fields below (who erased what), never the counter.
    pthread_mutex_t bookkeeping;
    long overwrites; // writes that found the counter moved since it was read
    long events_printed;
    RecentEvents recent;
} Race;

typedef struct RaceThread {
    Race* race;
    int index;
    pthread_t thread;
} RaceThread;

// Called by a thread whose write erased others' increments (the bookkeeping lock is free).
static void note_overwrite(Race* race, int index, long seen, long found) {
    pthread_mutex_lock(&race->bookkeeping);
    race->overwrites++;
    char text[128];
    if (found > seen)
        snprintf(text, sizeof text, "T%d read %ld, wrote %ld over %ld: %ld by others lost",
                 index + 1, seen, seen + 1, found, found - seen);
    else // another stale write had set the counter back meanwhile
        snprintf(text, sizeof text, "T%d read %ld, wrote %ld over %ld (set back meanwhile)",
                 index + 1, seen, seen + 1, found);
    if (race->plain && race->events_printed < race->events_shown) {
        report_event("%s", text);
        if (++race->events_printed == race->events_shown)
            report_event("(further overwrites are counted, not printed)");
    }
    recent_events_add(&race->recent, text);
    pthread_mutex_unlock(&race->bookkeeping);
}

static void increment_once(Race* race, int index) {
    if (race->locked) {
        race->phase[index] = PHASE_WAITING;
        pthread_mutex_lock(&race->counter_lock);
    }
    race->phase[index] = PHASE_WINDOW;
    long seen = race->counter; // read
    race->stale[index] = seen;
    work_for_us(race->window_us); // the window: the value read may go out of date now
    if (race->yield)
        sched_yield();
    long found = race->counter; // only to tell the reader what this write is about to erase
    race->counter = seen + 1;   // write
    race->phase[index] = PHASE_OUTSIDE;
    if (race->locked)
        pthread_mutex_unlock(&race->counter_lock);
    if (found != seen)
        note_overwrite(race, index, seen, found);
}

static void* race_thread_main(void* argument) {
    RaceThread* self = argument;
    Race* race = self->race;
    if (race->plain)
        report_event("T%d starts its %d increments", self->index + 1, race->increments);
    for (int i = 0; i < race->increments; i++) {
        increment_once(race, self->index);
        race->done[self->index] = i + 1;
    }
    race->phase[self->index] = PHASE_DONE;
    if (race->plain)
        report_event("T%d done", self->index + 1);
    return NULL;
}

static long increments_done(const Race* race) {
    long total = 0;
    for (int i = 0; i < race->threads; i++)
        total += race->done[i];
    return total;
}

static void draw_thread_row(Screen* screen, const Race* race, int index) {
    static const char* const phase_names[] = {"starting", "waiting for the lock",
                                              "in the window, holding", "", "done"};
    static const char* const phase_inks[] = {"", INK_YELLOW, INK_RED INK_BOLD, "", INK_GREY};
    int done = race->done[index];
    int phase = race->phase[index];
    screen_print(screen, "   T%-3d[", index + 1);
    screen_bar(screen, 24, (int)((int64_t)done * 1000 / race->increments));
    screen_print(screen, "] %6d/%-6d %s%s", done, race->increments, phase_inks[phase],
                 phase_names[phase]);
    if (phase == PHASE_WINDOW)
        screen_print(screen, " %ld", race->stale[index]);
    screen_end_line(screen);
}

static void draw(Screen* screen, Race* race, int64_t elapsed_ns) {
    long counter = race->counter;
    long should_be = increments_done(race);
    long lost = should_be - counter > 0 ? should_be - counter : 0;
    screen_begin_frame(screen);
    screen_print(screen, INK_BOLD " RACE  %d threads x %d increments of one counter, %s" INK_RESET,
                 race->threads, race->increments, race->locked ? "under a mutex" : "NO lock");
    int64_t tenths = elapsed_ns / (100 * NANOSECONDS_PER_MILLISECOND);
    screen_pad_to(screen, 66);
    screen_print(screen, "t = %3lld.%lld s", (long long)(tenths / 10), (long long)(tenths % 10));
    screen_end_line(screen);
    screen_end_line(screen);
    if (race->locked)
        screen_print(screen, "   one increment:  lock, read, work %d us, write value + 1, unlock",
                     race->window_us);
    else
        screen_print(screen,
                     "   one increment:  read counter, work %d us (the window), write "
                     "value + 1",
                     race->window_us);
    screen_end_line(screen);
    screen_end_line(screen);
    screen_print(screen, "   counter " INK_BOLD "%8ld" INK_RESET "    increments done %8ld    ",
                 counter, should_be);
    screen_print(screen, "%slost %ld" INK_RESET, lost ? INK_RED INK_BOLD : INK_GREEN, lost);
    screen_end_line(screen);
    screen_end_line(screen);
    for (int i = 0; i < race->threads; i++)
        draw_thread_row(screen, race, i);
    screen_end_line(screen);
    pthread_mutex_lock(&race->bookkeeping);
    screen_print(screen, "   stale writes seen: %ld", race->overwrites);
    screen_end_line(screen);
    for (int i = 0; i < RECENT_EVENT_COUNT; i++) {
        screen_print(screen, "   %s", race->recent.lines[i]);
        screen_end_line(screen);
    }
    pthread_mutex_unlock(&race->bookkeeping);
    screen_end_frame(screen);
}

static bool run_threads(Race* race) {
    static RaceThread threads[MAX_THREADS];
    static Screen screen;
    int started = 0;
    int64_t start = now_ns();
    for (; started < race->threads; started++) {
        threads[started] = (RaceThread){race, started, 0};
        int error =
            pthread_create(&threads[started].thread, NULL, race_thread_main, &threads[started]);
        if (error != 0) {
            fprintf(stderr, "race: cannot start thread %d: %s\n", started + 1, strerror(error));
            break;
        }
    }
    if (!race->plain && started == race->threads) {
        while (increments_done(race) < (long)race->threads * race->increments) {
            draw(&screen, race, now_ns() - start);
            sleep_us(50000);
        }
        draw(&screen, race, now_ns() - start);
        screen_close(&screen);
    }
    for (int i = 0; i < started; i++)
        pthread_join(threads[i].thread, NULL);
    return started == race->threads;
}

static int summarize(Race* race) {
    long expected = (long)race->threads * race->increments;
    long counter = race->counter;
    long lost = expected - counter;
    Summary summary;
    summary_begin(&summary, "race",
                  race->locked ? "race, increments under a mutex"
                               : "race, increments without a lock");
    summary_check(&summary, counter <= expected,
                  "the counter is not above the increments made (%ld <= %ld)", counter, expected);
    if (race->locked) {
        summary_check(&summary, counter == expected,
                      "with the mutex the total is exact: %ld of %ld", counter, expected);
    } else {
        summary_check(&summary, lost > 0,
                      "without a lock, updates were lost: %ld of %ld (%ld.%ld%%)", lost, expected,
                      lost * 100 / expected, lost * 1000 / expected % 10);
        summary_note(&summary, "%ld writes put back a stale value; each erased what the others",
                     race->overwrites);
        summary_note(&summary, "had added while the writer was inside its window");
    }
    summary_figure(&summary, "lock", race->locked);
    summary_figure(&summary, "threads", race->threads);
    summary_figure(&summary, "increments", race->increments);
    summary_figure(&summary, "expected", expected);
    summary_figure(&summary, "counter", counter);
    summary_figure(&summary, "lost", lost);
    summary_figure(&summary, "stale_writes", race->overwrites);
    return summary_end(&summary);
}

int main(int argc, char** argv) {
    static Race race;
    race.threads = 4;
    race.increments = 5000;
    race.window_us = 100;
    race.events_shown = 12;
    Option options[] = {
        {"threads", OPTION_NUMBER, &race.threads, 1, MAX_THREADS, "threads incrementing"},
        {"increments", OPTION_NUMBER, &race.increments, 1, 10000000, "increments per thread"},
        {"window-us", OPTION_NUMBER, &race.window_us, 0, 100000,
         "CPU work between reading and writing the counter"},
        {"lock", OPTION_FLAG, &race.locked, 0, 0, "hold a mutex around each increment"},
        {"yield", OPTION_FLAG, &race.yield, 0, 0, "also give the CPU away inside the window"},
        {"show", OPTION_NUMBER, &race.events_shown, 0, 1000000,
         "stale writes printed in plain mode"},
        {"plain", OPTION_FLAG, &race.plain, 0, 0, "one log line per event instead of a picture"},
    };
    ProgramInfo program = {
        "race",
        "Threads increment one shared counter: read it, work a little (the window), write the "
        "value plus one. Without a lock, increments get lost; with --lock the total is exact.",
        options, (int)(sizeof options / sizeof options[0])};
    parse_options(&program, argc, argv);

    platform_restore_terminal_on_interrupt();
    work_calibrate();
    report_set_origin(now_ns());
    pthread_mutex_init(&race.counter_lock, NULL);
    pthread_mutex_init(&race.bookkeeping, NULL);
    if (race.plain)
        report_event("race: %d threads x %d increments, window %d us, %s", race.threads,
                     race.increments, race.window_us, race.locked ? "with a mutex" : "no lock");
    bool all_started = run_threads(&race);
    int status = summarize(&race);
    pthread_mutex_destroy(&race.bookkeeping);
    pthread_mutex_destroy(&race.counter_lock);
    return all_started ? status : 1;
}
