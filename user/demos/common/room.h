// A room that workers visit: the restroom (room for one) and the kitchen (room for n). The room
// keeps a logbook of who waits at the door, who is inside and how many were inside at most. The
// door itself (a mutex, a semaphore, or nothing) belongs to the demo; the logbook only watches,
// so with no lock on the door it sees, and counts, the collisions the lock would prevent.
#pragma once

#include "report.h"
#include "screen.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define ROOM_MAX_VISITORS 32
#define VISITOR_NAME_SIZE 16

typedef enum VisitorState {
    VISITOR_AWAY,    // thinking, working elsewhere
    VISITOR_WAITING, // at the door: asked the lock and has not got it yet
    VISITOR_INSIDE,  // in the room
    VISITOR_DONE,    // made all its visits
} VisitorState;

typedef enum DoorKind {
    DOOR_WITHOUT_LOCK, // anyone walks in: shows what goes wrong without a lock
    DOOR_WITH_LOCK,    // a mutex or a semaphore keeps the room within its capacity
} DoorKind;

typedef struct Visitor {
    VisitorState state;
    int visits;
    int64_t waiting_since_ns;
    long ticket; // order of arrival at the door, to draw the queue in that order
} Visitor;

// What the logbook records.
typedef struct RoomBook {
    const char* name;
    int capacity;
    DoorKind door;
    int visitor_count;
    int visits_each;
    bool plain; // print one line per event
    Visitor visitors[ROOM_MAX_VISITORS];
    int inside;
    int most_inside;
    int crowded_entries; // entries after which more than `capacity` were inside
    long overtakes;      // entries while someone who had arrived earlier was still waiting
    long visits_total;
    long next_ticket;
    int64_t longest_wait_ns;
    int64_t total_wait_ns;
    RecentEvents recent;
} RoomBook;

typedef struct Room {
    // The logbook lock protects `book`. It is held only for a few instructions at a time to
    // write in the book, never while someone is in the room, so it keeps nobody out.
    pthread_mutex_t logbook;
    RoomBook book;
} Room;

void room_init(Room* room, const char* name, int capacity, DoorKind door, int visitor_count,
               int visits_each, bool plain);
void room_destroy(Room* room);

// The steps of one visit, each written into the logbook (and printed in plain mode). A visitor
// arrives, asks the door's lock, enters once it has it, leaves before giving the lock back.
void room_arrive(Room* room, int visitor);
void room_enter(Room* room, int visitor);
void room_leave(Room* room, int visitor);
void room_finish(Room* room, int visitor);

// Takes a consistent copy of the logbook (under its lock) for drawing or the summary.
void room_snapshot(Room* room, RoomBook* copy);

// Prints the summary's note on the order in which the lock let them in (first come, first
// served or not), and adds the figure "overtakes".
void room_note_order(const RoomBook* book, Summary* summary);

// Fills `order` with the visitors waiting at the door, first arrived first; returns how many.
int room_queue(const RoomBook* book, int order[ROOM_MAX_VISITORS]);

// Draws the room from a snapshot: the queue at the door, the occupants, every visitor's state
// and count, the figures and the latest events. `title` and `door` are one line each.
void room_draw(const RoomBook* snapshot, Screen* screen, const char* title, const char* door,
               int64_t elapsed_ns);

// A visitor's name as shown everywhere: "W1", "W2", ...
void visitor_name(char* text, int size, int visitor);

// The door of a room, provided by the demo: how to get in (lock) and out (unlock), and one
// line that tells the reader the door's state. lock and unlock are NULL for a door without one.
typedef struct RoomDoor {
    void (*lock)(void* context);
    void (*unlock)(void* context);
    void (*describe)(void* context, const RoomBook* snapshot, char* text, int size);
    void* context;
} RoomDoor;

typedef struct VisitTimes {
    int stay_ms;  // inside: CPU work, in slices with sched_yield between them
    int think_ms; // between visits: sleeping, between half and one and a half of this
} VisitTimes;

// Starts one thread per visitor, each making book.visits_each visits through the door, and
// (unless in plain mode) redraws the picture every 100 ms until all are done; joins them.
// Returns false if a thread could not be started (reported on stderr).
bool room_run(Room* room, const RoomDoor* door, VisitTimes times, const char* title);
