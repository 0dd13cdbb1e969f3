// Drawing a room (see room.h): the queue in front of the door, the room with its places and
// occupants, a table of visitors, the figures and the latest events, within 80 x 25.

#include "room.h"

#include "timing.h"

#include <stdio.h>

#define BOX_COLUMN 26     // where the room's left wall (and its door) is drawn
#define SLOTS_DRAWN_MAX 8 // places drawn inside the room; more occupants are listed as "+N"
#define QUEUE_NAMES_MAX 4 // names drawn in the queue; more are shown as "+N"
#define TABLE_COLUMNS 3
#define TABLE_ROWS_MAX 5
#define CELL_WIDTH 25

static int box_inner_width(const RoomBook* book) {
    int slots = book->capacity < SLOTS_DRAWN_MAX ? book->capacity : SLOTS_DRAWN_MAX;
    int width = slots * 6 + 12;
    return width < 30 ? 30 : (width > 50 ? 50 : width);
}

// One line of the room's walls: `left`, `fill` repeated across the room, `right`.
static void draw_wall_line(Screen* screen, const RoomBook* book, const char* left, const char* fill,
                           const char* right) {
    screen_pad_to(screen, BOX_COLUMN);
    screen_print(screen, "%s", left);
    screen_repeat(screen, fill, box_inner_width(book));
    screen_print(screen, "%s", right);
    screen_end_line(screen);
}

// The queue, head nearest the door: the visitors waiting, in order of arrival.
static void draw_queue(Screen* screen, const RoomBook* book) {
    int order[ROOM_MAX_VISITORS];
    int count = room_queue(book, order);
    int shown = count < QUEUE_NAMES_MAX ? count : QUEUE_NAMES_MAX;
    screen_print(screen, "   ");
    if (count > shown)
        screen_print(screen, "+%d ", count - shown);
    for (int k = shown - 1; k >= 0; k--) { // the last to arrive stands farthest away
        char name[VISITOR_NAME_SIZE];
        visitor_name(name, sizeof name, order[k]);
        screen_print(screen, INK_YELLOW "%-4s" INK_RESET, name);
    }
    if (count > 0) {
        screen_repeat(screen, LINE_HORIZONTAL, BOX_COLUMN - 1 - screen->line_width);
        screen_print(screen, POINTER_RIGHT);
    }
}

// The row inside the room: one place per unit of capacity, filled by the occupants.
static void draw_occupants(Screen* screen, const RoomBook* book) {
    int inner = box_inner_width(book);
    bool closed = book->door == DOOR_WITH_LOCK && book->inside >= book->capacity;
    screen_pad_to(screen, BOX_COLUMN);
    screen_print(screen, closed ? INK_RED INK_BOLD "#" INK_RESET : " ");
    screen_print(screen, "  ");
    bool crowded = book->inside > book->capacity;
    int slots = book->capacity < SLOTS_DRAWN_MAX ? book->capacity : SLOTS_DRAWN_MAX;
    int fitting = (inner - 6) / 6; // names that fit, leaving room for "+NN"
    int names_max = slots > fitting ? slots : fitting;
    int drawn = 0;
    for (int i = 0; i < book->visitor_count; i++) {
        if (book->visitors[i].state != VISITOR_INSIDE)
            continue;
        if (drawn >= names_max) {
            drawn++;
            continue;
        }
        char name[VISITOR_NAME_SIZE];
        visitor_name(name, sizeof name, i);
        char place[VISITOR_NAME_SIZE + 2]; // "[W3]", padded to one place's width below
        snprintf(place, sizeof place, "[%s]", name);
        screen_print(screen, "%s%-5s" INK_RESET " ",
                     crowded ? INK_RED INK_BOLD : INK_GREEN INK_BOLD, place);
        drawn++;
    }
    for (int empty = drawn; empty < slots; empty++)
        screen_print(screen, INK_GREY "[  ]" INK_RESET "  ");
    if (drawn > names_max)
        screen_print(screen, INK_RED "+%d" INK_RESET, drawn - names_max);
    screen_pad_to(screen, BOX_COLUMN + 1 + inner);
    screen_print(screen, LINE_VERTICAL);
    screen_end_line(screen);
}

static void draw_room(Screen* screen, const RoomBook* book) {
    draw_wall_line(screen, book, CORNER_TOP_LEFT, LINE_HORIZONTAL, CORNER_TOP_RIGHT);
    screen_print(screen, "   waiting at the door");
    draw_wall_line(screen, book, LINE_VERTICAL, " ", LINE_VERTICAL);
    draw_queue(screen, book);
    draw_occupants(screen, book);
    draw_wall_line(screen, book, LINE_VERTICAL, " ", LINE_VERTICAL);
    draw_wall_line(screen, book, CORNER_BOTTOM_LEFT, LINE_HORIZONTAL, CORNER_BOTTOM_RIGHT);
}

static void draw_cell(Screen* screen, const RoomBook* book, int visitor) {
    static const char* const state_names[] = {"away", "waiting", "INSIDE", "done"};
    static const char* const state_inks[] = {"", INK_YELLOW, INK_GREEN INK_BOLD, INK_GREY};
    const Visitor* self = &book->visitors[visitor];
    char name[VISITOR_NAME_SIZE];
    visitor_name(name, sizeof name, visitor);
    const char* ink = state_inks[self->state];
    if (self->state == VISITOR_INSIDE && book->inside > book->capacity)
        ink = INK_RED INK_BOLD;
    screen_print(screen, "%-4s%s%-8s" INK_RESET, name, ink, state_names[self->state]);
    char visits[12];
    snprintf(visits, sizeof visits, "%d/%d", self->visits, book->visits_each);
    screen_print(screen, "%-6s", visits);
    screen_bar(screen, 5, book->visits_each ? self->visits * 1000 / book->visits_each : 0);
}

static void draw_table(Screen* screen, const RoomBook* book) {
    int shown = book->visitor_count;
    if (shown > TABLE_COLUMNS * TABLE_ROWS_MAX)
        shown = TABLE_COLUMNS * TABLE_ROWS_MAX;
    for (int i = 0; i < shown; i++) {
        screen_pad_to(screen, 3 + (i % TABLE_COLUMNS) * CELL_WIDTH);
        draw_cell(screen, book, i);
        if (i % TABLE_COLUMNS == TABLE_COLUMNS - 1 || i == shown - 1)
            screen_end_line(screen);
    }
    if (shown < book->visitor_count) {
        screen_print(screen, "   (%d more visitors not shown)", book->visitor_count - shown);
        screen_end_line(screen);
    }
}

static void draw_figures(Screen* screen, const RoomBook* book) {
    screen_print(screen, "   inside now %d   most at once %d   ", book->inside, book->most_inside);
    screen_print(screen, "%scollisions %d" INK_RESET, book->crowded_entries ? INK_RED INK_BOLD : "",
                 book->crowded_entries);
    screen_print(screen, "   longest wait %lld ms",
                 (long long)(book->longest_wait_ns / NANOSECONDS_PER_MILLISECOND));
    screen_end_line(screen);
}

void room_draw(const RoomBook* book, Screen* screen, const char* title, const char* door,
               int64_t elapsed_ns) {
    screen_begin_frame(screen);
    screen_print(screen, INK_BOLD " %s" INK_RESET, title);
    int64_t tenths = elapsed_ns / (100 * NANOSECONDS_PER_MILLISECOND);
    screen_pad_to(screen, 66);
    screen_print(screen, "t = %3lld.%lld s", (long long)(tenths / 10), (long long)(tenths % 10));
    screen_end_line(screen);
    screen_end_line(screen);
    draw_room(screen, book);
    screen_pad_to(screen, BOX_COLUMN);
    screen_print(screen, "%s", door);
    screen_end_line(screen);
    screen_end_line(screen);
    draw_table(screen, book);
    screen_end_line(screen);
    draw_figures(screen, book);
    screen_end_line(screen);
    screen_print(screen, "   latest events:");
    screen_end_line(screen);
    for (int i = 0; i < RECENT_EVENT_COUNT; i++) {
        screen_print(screen, "   %s", book->recent.lines[i]);
        screen_end_line(screen);
    }
    screen_end_frame(screen);
}
