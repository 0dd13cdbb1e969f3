// Running the visitors of a room (see room.h): one thread per visitor, and the main thread
// drawing the picture while they come and go.

#include "room.h"

#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Work inside the room is cut into slices this long with a sched_yield between them, so that
// on one CPU the others get to the door while someone is inside, even with a long time slice.
#define STAY_SLICE_US 200
#define FRAME_INTERVAL_US 100000

typedef struct VisitorThread {
    Room* room;
    const RoomDoor* door;
    VisitTimes times;
    int index;
    pthread_t thread;
} VisitorThread;

static void* visitor_main(void* argument) {
    VisitorThread* self = argument;
    Room* room = self->room;
    const RoomDoor* door = self->door;
    uint32_t random_state = 2463534242u + 7919u * (uint32_t)self->index;
    int think_us = self->times.think_ms * 1000;
    for (int visit = 0; visit < room->book.visits_each; visit++) {
        sleep_us(random_between(&random_state, think_us / 2, think_us + think_us / 2));
        room_arrive(room, self->index);
        if (door->lock)
            door->lock(door->context);
        room_enter(room, self->index);
        work_for_us_yielding((int64_t)self->times.stay_ms * 1000, STAY_SLICE_US);
        // Out of the room before the door opens for the next one, so the book never shows
        // someone inside who has already given the lock back.
        room_leave(room, self->index);
        if (door->unlock)
            door->unlock(door->context);
    }
    room_finish(room, self->index);
    return NULL;
}

static bool everyone_done(const RoomBook* book) {
    for (int i = 0; i < book->visitor_count; i++)
        if (book->visitors[i].state != VISITOR_DONE)
            return false;
    return true;
}

// Only the main thread draws, so one screen and one snapshot are enough.
static Screen g_screen;
static RoomBook g_snapshot;

static void draw_until_done(Room* room, const RoomDoor* door, const char* title) {
    int64_t start = now_ns();
    for (;;) {
        room_snapshot(room, &g_snapshot);
        char door_text[256]; // room for the colour escapes too
        door->describe(door->context, &g_snapshot, door_text, sizeof door_text);
        room_draw(&g_snapshot, &g_screen, title, door_text, now_ns() - start);
        if (everyone_done(&g_snapshot))
            break;
        sleep_us(FRAME_INTERVAL_US);
    }
    screen_close(&g_screen);
}

bool room_run(Room* room, const RoomDoor* door, VisitTimes times, const char* title) {
    int count = room->book.visitor_count;
    VisitorThread* threads = calloc((size_t)count, sizeof *threads);
    if (!threads) {
        fprintf(stderr, "%s: out of memory for %d visitors\n", room->book.name, count);
        return false;
    }
    int started = 0;
    for (; started < count; started++) {
        VisitorThread* thread = &threads[started];
        thread->room = room;
        thread->door = door;
        thread->times = times;
        thread->index = started;
        int error = pthread_create(&thread->thread, NULL, visitor_main, thread);
        if (error != 0) {
            fprintf(stderr, "%s: cannot start visitor %d: %s\n", room->book.name, started + 1,
                    strerror(error));
            break;
        }
    }
    if (started == count && !room->book.plain)
        draw_until_done(room, door, title);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i].thread, NULL);
    free(threads);
    return started == count;
}
