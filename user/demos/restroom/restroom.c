// The restroom: a room that fits one, with one mutex on its door. Workers (threads) come back
// again and again; the first to arrive locks the door, the others queue until it is unlocked.
// With --no-lock the door has no lock, and the picture and the summary show the collisions.

#include "options.h"
#include "platform.h"
#include "report.h"
#include "room.h"
#include "timing.h"

#include <pthread.h>
#include <stdio.h>

static void lock_door(void* context) {
    pthread_mutex_lock(context);
}
static void unlock_door(void* context) {
    pthread_mutex_unlock(context);
}

static void describe_locked_door(void* context, const RoomBook* book, char* text, int size) {
    (void)context;
    for (int i = 0; i < book->visitor_count; i++) {
        if (book->visitors[i].state == VISITOR_INSIDE) {
            snprintf(text, (size_t)size, INK_RED "door LOCKED" INK_RESET ": W%d holds the mutex",
                     i + 1);
            return;
        }
    }
    snprintf(text, (size_t)size, INK_GREEN "door open" INK_RESET ": the mutex is free");
}

static void describe_open_door(void* context, const RoomBook* book, char* text, int size) {
    (void)context;
    (void)book;
    snprintf(text, (size_t)size, INK_RED "no lock on the door" INK_RESET ": anyone walks in");
}

static int summarize(const RoomBook* book, DoorKind door) {
    Summary summary;
    summary_begin(&summary, "restroom",
                  door == DOOR_WITH_LOCK ? "restroom, door locked by a mutex"
                                         : "restroom, no lock on the door");
    if (door == DOOR_WITH_LOCK)
        summary_check(&summary, book->most_inside <= 1,
                      "the room never held two (most at once: %d, collisions: %d)",
                      book->most_inside, book->crowded_entries);
    else
        summary_check(&summary, book->most_inside >= 2,
                      "without the lock the room held %d at once (%d collisions)%s",
                      book->most_inside, book->crowded_entries,
                      book->visitor_count < 2 ? " (needs two workers or more)" : "");
    int exact = 0;
    for (int i = 0; i < book->visitor_count; i++)
        if (book->visitors[i].visits == book->visits_each)
            exact++;
    summary_check(&summary, exact == book->visitor_count,
                  "each worker got in exactly %d time%s (%d of %d did; %ld visits)",
                  book->visits_each, book->visits_each == 1 ? "" : "s", exact, book->visitor_count,
                  book->visits_total);
    long visits = book->visits_total > 0 ? book->visits_total : 1;
    summary_note(&summary, "waiting at the door: %lld ms on average, %lld ms at the longest",
                 (long long)(book->total_wait_ns / visits / NANOSECONDS_PER_MILLISECOND),
                 (long long)(book->longest_wait_ns / NANOSECONDS_PER_MILLISECOND));
    if (door == DOOR_WITH_LOCK)
        room_note_order(book, &summary);
    summary_figure(&summary, "lock", door == DOOR_WITH_LOCK);
    summary_figure(&summary, "workers", book->visitor_count);
    summary_figure(&summary, "visits_each", book->visits_each);
    summary_figure(&summary, "visits_total", book->visits_total);
    summary_figure(&summary, "workers_exact", exact);
    summary_figure(&summary, "max_inside", book->most_inside);
    summary_figure(&summary, "collisions", book->crowded_entries);
    summary_figure(&summary, "longest_wait_ms",
                   book->longest_wait_ns / NANOSECONDS_PER_MILLISECOND);
    return summary_end(&summary);
}

typedef struct Settings {
    int workers;
    int visits;
    int stay_ms;
    int think_ms;
    bool no_lock;
    bool plain;
} Settings;

static Settings parse_arguments(int argc, char** argv) {
    Settings settings = {5, 4, 300, 400, false, false};
    Option options[] = {
        {"workers", OPTION_NUMBER, &settings.workers, 1, ROOM_MAX_VISITORS,
         "workers (threads) visiting"},
        {"visits", OPTION_NUMBER, &settings.visits, 1, 100000, "visits each worker makes"},
        {"stay-ms", OPTION_NUMBER, &settings.stay_ms, 0, 60000,
         "CPU work inside the room, per visit"},
        {"think-ms", OPTION_NUMBER, &settings.think_ms, 0, 60000,
         "time away between visits (sleeping)"},
        {"no-lock", OPTION_FLAG, &settings.no_lock, 0, 0, "take the lock off the door"},
        {"plain", OPTION_FLAG, &settings.plain, 0, 0,
         "one log line per event instead of a picture"},
    };
    ProgramInfo program = {"restroom",
                           "A room for one with a mutex on the door: workers (threads) queue in "
                           "front of it and go in one at a time. With --no-lock they walk in on "
                           "each other.",
                           options, (int)(sizeof options / sizeof options[0])};
    parse_options(&program, argc, argv);
    return settings;
}

int main(int argc, char** argv) {
    Settings settings = parse_arguments(argc, argv);
    platform_restore_terminal_on_interrupt();
    work_calibrate();
    report_set_origin(now_ns());
    DoorKind door_kind = settings.no_lock ? DOOR_WITHOUT_LOCK : DOOR_WITH_LOCK;
    if (settings.plain)
        report_event("restroom: %d workers, %d visits each, %s", settings.workers, settings.visits,
                     settings.no_lock ? "NO lock on the door" : "a mutex on the door");

    pthread_mutex_t door_mutex;
    pthread_mutex_init(&door_mutex, NULL);
    RoomDoor door = {lock_door, unlock_door, describe_locked_door, &door_mutex};
    if (settings.no_lock)
        door = (RoomDoor){NULL, NULL, describe_open_door, NULL};
    static Room room;
    room_init(&room, "restroom", 1, door_kind, settings.workers, settings.visits, settings.plain);
    const char* title = settings.no_lock ? "RESTROOM  room for one, NO LOCK on the door"
                                         : "RESTROOM  room for one, a mutex on the door";
    bool all_started =
        room_run(&room, &door, (VisitTimes){settings.stay_ms, settings.think_ms}, title);

    RoomBook book;
    room_snapshot(&room, &book);
    int status = summarize(&book, door_kind);
    room_destroy(&room);
    pthread_mutex_destroy(&door_mutex);
    return all_started ? status : 1;
}
