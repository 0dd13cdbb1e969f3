// The room's logbook: every step of a visit is written here under the logbook lock, so the
// counts (how many inside, the most at once, visits per visitor) are exact whatever the door.

#include "room.h"

#include "report.h"
#include "timing.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void visitor_name(char* text, int size, int visitor) {
    snprintf(text, (size_t)size, "W%d", visitor + 1);
}

void room_init(Room* room, const char* name, int capacity, DoorKind door, int visitor_count,
               int visits_each, bool plain) {
    memset(room, 0, sizeof *room);
    pthread_mutex_init(&room->logbook, NULL);
    room->book.name = name;
    room->book.capacity = capacity;
    room->book.door = door;
    room->book.visitor_count = visitor_count;
    room->book.visits_each = visits_each;
    room->book.plain = plain;
}

void room_destroy(Room* room) {
    pthread_mutex_destroy(&room->logbook);
}

int room_queue(const RoomBook* book, int order[ROOM_MAX_VISITORS]) {
    int count = 0;
    for (int i = 0; i < book->visitor_count; i++)
        if (book->visitors[i].state == VISITOR_WAITING)
            order[count++] = i;
    for (int i = 1; i < count; i++) { // insertion sort by ticket: the queue is short
        for (int j = i; j > 0; j--) {
            if (book->visitors[order[j]].ticket > book->visitors[order[j - 1]].ticket)
                break;
            int swap = order[j];
            order[j] = order[j - 1];
            order[j - 1] = swap;
        }
    }
    return count;
}

// Appends the names of the visitors in one state to text: " W1 W4"; the waiting ones in the
// order they arrived. A list too long for one line of 80 ends in " ...".
static void list_visitors(const RoomBook* book, VisitorState state, char* text, int size) {
    int order[ROOM_MAX_VISITORS];
    int count = 0;
    if (state == VISITOR_WAITING) {
        count = room_queue(book, order);
    } else {
        for (int i = 0; i < book->visitor_count; i++)
            if (book->visitors[i].state == state)
                order[count++] = i;
    }
    int used = (int)strlen(text);
    for (int k = 0; k < count; k++) {
        if (used + 8 >= size) {
            snprintf(text + used, (size_t)(size - used), " ...");
            return;
        }
        char name[VISITOR_NAME_SIZE];
        visitor_name(name, sizeof name, order[k]);
        used += snprintf(text + used, (size_t)(size - used), " %s", name);
    }
}

// Records an event (the logbook lock is held): printed at once in plain mode, kept among the
// recent events for the picture otherwise.
static void note_event(RoomBook* book, const char* format, ...) {
    char text[160];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    if (book->plain) {
        report_event("%s", text);
        return;
    }
    recent_events_add(&book->recent, text);
}

void room_arrive(Room* room, int visitor) {
    pthread_mutex_lock(&room->logbook);
    RoomBook* book = &room->book;
    Visitor* self = &book->visitors[visitor];
    self->state = VISITOR_WAITING;
    self->waiting_since_ns = now_ns();
    self->ticket = book->next_ticket++;
    char name[VISITOR_NAME_SIZE];
    visitor_name(name, sizeof name, visitor);
    if (book->door == DOOR_WITHOUT_LOCK) { // nothing to wait for: it walks straight in
        pthread_mutex_unlock(&room->logbook);
        return;
    }
    char waiting[32] = "";
    list_visitors(book, VISITOR_WAITING, waiting, sizeof waiting);
    note_event(book, "%s arrives at the door (waiting:%s)", name, waiting);
    pthread_mutex_unlock(&room->logbook);
}

void room_enter(Room* room, int visitor) {
    pthread_mutex_lock(&room->logbook);
    RoomBook* book = &room->book;
    Visitor* self = &book->visitors[visitor];
    int64_t waited = now_ns() - self->waiting_since_ns;
    if (waited > book->longest_wait_ns)
        book->longest_wait_ns = waited;
    book->total_wait_ns += waited;
    for (int i = 0; i < book->visitor_count; i++) {
        if (book->visitors[i].state == VISITOR_WAITING && book->visitors[i].ticket < self->ticket) {
            book->overtakes++;
            break;
        }
    }
    self->state = VISITOR_INSIDE;
    book->inside++;
    if (book->inside > book->most_inside)
        book->most_inside = book->inside;
    char name[VISITOR_NAME_SIZE];
    visitor_name(name, sizeof name, visitor);
    char inside[32] = "";
    list_visitors(book, VISITOR_INSIDE, inside, sizeof inside);
    long waited_ms = (long)(waited / NANOSECONDS_PER_MILLISECOND);
    if (book->inside > book->capacity) {
        book->crowded_entries++;
        note_event(book, "%s goes in: COLLISION, %d inside a room for %d", name, book->inside,
                   book->capacity);
    } else {
        note_event(book, "%s goes in after %ld ms (inside:%s)", name, waited_ms, inside);
    }
    pthread_mutex_unlock(&room->logbook);
}

void room_leave(Room* room, int visitor) {
    pthread_mutex_lock(&room->logbook);
    RoomBook* book = &room->book;
    Visitor* self = &book->visitors[visitor];
    self->state = VISITOR_AWAY;
    self->visits++;
    book->inside--;
    book->visits_total++;
    char name[VISITOR_NAME_SIZE];
    visitor_name(name, sizeof name, visitor);
    note_event(book, "%s comes out (visit %d of %d)", name, self->visits, book->visits_each);
    pthread_mutex_unlock(&room->logbook);
}

void room_finish(Room* room, int visitor) {
    pthread_mutex_lock(&room->logbook);
    room->book.visitors[visitor].state = VISITOR_DONE;
    pthread_mutex_unlock(&room->logbook);
}

void room_note_order(const RoomBook* book, Summary* summary) {
    if (book->overtakes == 0)
        summary_note(summary,
                     "first come, first served: nobody got ahead of one who waited longer");
    else
        summary_note(summary, "%ld of %ld went in ahead of someone who had waited longer",
                     book->overtakes, book->visits_total);
    summary_figure(summary, "overtakes", book->overtakes);
}

void room_snapshot(Room* room, RoomBook* copy) {
    pthread_mutex_lock(&room->logbook);
    *copy = room->book;
    pthread_mutex_unlock(&room->logbook);
}
