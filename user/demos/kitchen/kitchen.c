// The kitchen: a room for n, with n keys on a hook by the door (a semaphore with value n). Who
// goes in takes a key, who comes out hangs it back; when the hook is empty, the next one waits.
// With --keys 1 it is the restroom again, and the summary measures what a mutex and a one-key
// semaphore cost, since a mutex is the n = 1 case made simpler and cheaper.

#include "options.h"
#include "platform.h"
#include "report.h"
#include "room.h"
#include "timing.h"

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static void take_key(void* context) {
    sem_wait(context);
}
static void hang_key_back(void* context) {
    sem_post(context);
}

static void describe_key_hook(void* context, const RoomBook* book, char* text, int size) {
    int keys = 0;
    sem_getvalue(context, &keys);
    int used = snprintf(text, (size_t)size, "keys on the hook: ");
    for (int i = 0; i < book->capacity && i < 8 && used < size - 32; i++)
        used += snprintf(text + used, (size_t)(size - used), "%s",
                         i < keys ? INK_GREEN "(k)" INK_RESET : INK_GREY "( )" INK_RESET);
    snprintf(text + used, (size_t)(size - used), "  %d of %d", keys, book->capacity);
}

// The cost of one operation (a lock or an unlock) with nobody else around, in tenths of a
// nanosecond.
// Each is measured three times, alternating, and the best kept: other programs on the machine
// can only ever make a round slower.
typedef struct LockCosts {
    int64_t mutex_tenths_ns;
    int64_t semaphore_tenths_ns;
} LockCosts;

static int64_t time_mutex(pthread_mutex_t* mutex, int rounds) {
    int64_t start = now_ns();
    for (int i = 0; i < rounds; i++) {
        pthread_mutex_lock(mutex);
        pthread_mutex_unlock(mutex);
    }
    return (now_ns() - start) * 10 / (2 * (int64_t)rounds);
}

static int64_t time_semaphore(sem_t* semaphore, int rounds) {
    int64_t start = now_ns();
    for (int i = 0; i < rounds; i++) {
        sem_wait(semaphore);
        sem_post(semaphore);
    }
    return (now_ns() - start) * 10 / (2 * (int64_t)rounds);
}

static LockCosts measure_lock_costs(int rounds) {
    pthread_mutex_t mutex;
    sem_t semaphore;
    pthread_mutex_init(&mutex, NULL);
    sem_init(&semaphore, 0, 1);
    LockCosts best = {INT64_MAX, INT64_MAX};
    for (int attempt = 0; attempt < 3; attempt++) {
        int64_t mutex_cost = time_mutex(&mutex, rounds);
        int64_t semaphore_cost = time_semaphore(&semaphore, rounds);
        if (mutex_cost < best.mutex_tenths_ns)
            best.mutex_tenths_ns = mutex_cost;
        if (semaphore_cost < best.semaphore_tenths_ns)
            best.semaphore_tenths_ns = semaphore_cost;
    }
    sem_destroy(&semaphore);
    pthread_mutex_destroy(&mutex);
    return best;
}

static void summarize_costs(Summary* summary, int rounds) {
    LockCosts costs = measure_lock_costs(rounds);
    char mutex_text[24];
    char semaphore_text[24];
    char ratio[24];
    format_tenths(mutex_text, sizeof mutex_text, costs.mutex_tenths_ns);
    format_tenths(semaphore_text, sizeof semaphore_text, costs.semaphore_tenths_ns);
    int64_t mutex_cost = costs.mutex_tenths_ns > 0 ? costs.mutex_tenths_ns : 1;
    format_ratio(ratio, sizeof ratio, costs.semaphore_tenths_ns * 1000 / mutex_cost);
    summary_note(summary, "cost per operation, nobody waiting (%d rounds, best of 3):", rounds);
    summary_note(summary, "  mutex, lock or unlock            %7s ns", mutex_text);
    summary_note(summary, "  one-key semaphore, wait or post  %7s ns  (%s the mutex)",
                 semaphore_text, ratio);
    summary_note(summary, "each one is %s", platform_lock_path());
    // Differences under a tenth are within what the clocks of both systems can tell apart.
    if (costs.semaphore_tenths_ns * 10 >= mutex_cost * 11) {
        summary_note(summary, "the mutex is cheaper: it only records 'free, or held by one");
        summary_note(summary, "thread'; a semaphore keeps a count, and any thread may post");
    } else if (costs.semaphore_tenths_ns * 10 <= mutex_cost * 9) {
        summary_note(summary, "the semaphore came out cheaper here: both do little, and how");
        summary_note(summary, "the library reaches each one matters more than what it does");
    } else {
        summary_note(summary, "about the same here: getting to the lock costs more than what");
        summary_note(summary, "it does (a mutex records 'free, or held by one thread'; a");
        summary_note(summary, "semaphore keeps a count, and any thread may post)");
    }
    summary_figure(summary, "mutex_op_tenths_ns", costs.mutex_tenths_ns);
    summary_figure(summary, "semaphore_op_tenths_ns", costs.semaphore_tenths_ns);
}

static int summarize(const RoomBook* book, int cost_rounds) {
    Summary summary;
    char title[64];
    snprintf(title, sizeof title, "kitchen, %d key%s on the hook (semaphore)", book->capacity,
             book->capacity == 1 ? "" : "s");
    summary_begin(&summary, "kitchen", title);
    summary_check(&summary, book->most_inside <= book->capacity,
                  "never more than %d inside (most at once: %d)", book->capacity,
                  book->most_inside);
    int can_reach = book->capacity < book->visitor_count ? book->capacity : book->visitor_count;
    summary_check(&summary, book->most_inside == can_reach,
                  "the kitchen was used to the full: %d inside at once", book->most_inside);
    int exact = 0;
    for (int i = 0; i < book->visitor_count; i++)
        if (book->visitors[i].visits == book->visits_each)
            exact++;
    summary_check(&summary, exact == book->visitor_count,
                  "each worker got in exactly %d time%s (%d of %d did; %ld visits)",
                  book->visits_each, book->visits_each == 1 ? "" : "s", exact, book->visitor_count,
                  book->visits_total);
    long visits = book->visits_total > 0 ? book->visits_total : 1;
    summary_note(&summary, "waiting for a key: %lld ms on average, %lld ms at the longest",
                 (long long)(book->total_wait_ns / visits / NANOSECONDS_PER_MILLISECOND),
                 (long long)(book->longest_wait_ns / NANOSECONDS_PER_MILLISECOND));
    room_note_order(book, &summary);
    if (book->capacity == 1)
        summary_note(&summary, "with one key the kitchen is the restroom: one at a time");
    summary_figure(&summary, "keys", book->capacity);
    summary_figure(&summary, "workers", book->visitor_count);
    summary_figure(&summary, "visits_each", book->visits_each);
    summary_figure(&summary, "visits_total", book->visits_total);
    summary_figure(&summary, "workers_exact", exact);
    summary_figure(&summary, "max_inside", book->most_inside);
    summary_figure(&summary, "longest_wait_ms",
                   book->longest_wait_ns / NANOSECONDS_PER_MILLISECOND);
    if (cost_rounds > 0)
        summarize_costs(&summary, cost_rounds);
    return summary_end(&summary);
}

typedef struct Settings {
    int workers;
    int keys;
    int visits;
    int stay_ms;
    int think_ms;
    int cost_rounds;
    bool plain;
} Settings;

static Settings parse_arguments(int argc, char** argv) {
    Settings settings = {8, 3, 4, 400, 300, 100000, false};
    Option options[] = {
        {"workers", OPTION_NUMBER, &settings.workers, 1, ROOM_MAX_VISITORS,
         "workers (threads) visiting"},
        {"keys", OPTION_NUMBER, &settings.keys, 1, ROOM_MAX_VISITORS,
         "keys on the hook: room for how many"},
        {"visits", OPTION_NUMBER, &settings.visits, 1, 100000, "visits each worker makes"},
        {"stay-ms", OPTION_NUMBER, &settings.stay_ms, 0, 60000,
         "CPU work inside the kitchen, per visit"},
        {"think-ms", OPTION_NUMBER, &settings.think_ms, 0, 60000,
         "time away between visits (sleeping)"},
        {"cost-rounds", OPTION_NUMBER, &settings.cost_rounds, 0, 100000000,
         "lock/unlock rounds timed at the end (0: skip)"},
        {"plain", OPTION_FLAG, &settings.plain, 0, 0,
         "one log line per event instead of a picture"},
    };
    ProgramInfo program = {"kitchen",
                           "A room for n with n keys on a hook by the door (a semaphore): workers "
                           "(threads) take a key to go in and hang it back when they leave; with "
                           "the hook empty, they wait.",
                           options, (int)(sizeof options / sizeof options[0])};
    parse_options(&program, argc, argv);
    return settings;
}

int main(int argc, char** argv) {
    Settings settings = parse_arguments(argc, argv);
    platform_restore_terminal_on_interrupt();
    work_calibrate();
    report_set_origin(now_ns());
    if (settings.plain)
        report_event("kitchen: %d workers, %d visits each, %d keys on the hook", settings.workers,
                     settings.visits, settings.keys);
    sem_t key_hook;
    if (sem_init(&key_hook, 0, (unsigned)settings.keys) != 0) {
        fprintf(stderr, "kitchen: sem_init: %s\n", strerror(errno));
        return 1;
    }
    RoomDoor door = {take_key, hang_key_back, describe_key_hook, &key_hook};
    static Room room;
    room_init(&room, "kitchen", settings.keys, DOOR_WITH_LOCK, settings.workers, settings.visits,
              settings.plain);
    char title[80];
    snprintf(title, sizeof title, "KITCHEN  room for %d, %d key%s on the hook (semaphore)",
             settings.keys, settings.keys, settings.keys == 1 ? "" : "s");
    bool all_started =
        room_run(&room, &door, (VisitTimes){settings.stay_ms, settings.think_ms}, title);

    RoomBook book;
    room_snapshot(&room, &book);
    int status = summarize(&book, settings.cost_rounds);
    room_destroy(&room);
    sem_destroy(&key_hook);
    return all_started ? status : 1;
}
