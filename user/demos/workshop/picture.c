// The factory's picture: one box per workshop (its number at the shared address, its tally,
// its workers, its share of the CPU, and whether it has the power now), then the loading dock,
// the notice board, the trespasser and the latest events.

#include "workshop.h"

#include "platform.h"
#include "timing.h"

#include <stdio.h>
#include <sys/wait.h>

#define BOXES_PER_ROW 3
#define BOX_INNER 23
// A workshop "has the power" if one of its workers worked this close to the latest worker of
// any workshop: on one CPU only the last one, on several CPUs all that run at the same time.
#define POWER_WINDOW_NS (1 * NANOSECONDS_PER_MILLISECOND)

static int64_t total_cpu(const NoticeBoard* board, int count) {
    int64_t total = 0;
    for (int i = 0; i < count; i++)
        total += board->notices[i].cpu_ns;
    return total > 0 ? total : 1;
}

static bool has_power(const NoticeBoard* board, int count, int index) {
    int64_t latest = 0;
    for (int i = 0; i < count; i++)
        if (board->notices[i].last_active_ns > latest)
            latest = board->notices[i].last_active_ns;
    const WorkshopNotice* notice = &board->notices[index];
    return notice->state == WORKSHOP_WORKING && notice->last_active_ns > 0 &&
           latest - notice->last_active_ns <= POWER_WINDOW_NS;
}

static void draw_top(Screen* screen, const Factory* factory, int index, bool power) {
    const WorkshopNotice* notice = &factory->board->notices[index];
    int start = screen->line_width;
    const char* ink = power ? INK_YELLOW INK_BOLD : "";
    screen_print(screen, "%s" CORNER_TOP_LEFT LINE_HORIZONTAL " W%d pid %-5d ", ink, index + 1,
                 notice->pid);
    if (power)
        screen_print(screen, "POWER ");
    else if (notice->state == WORKSHOP_FINISHED || factory->ended[index])
        screen_print(screen, "closed ");
    screen_repeat(screen, LINE_HORIZONTAL, start + BOX_INNER + 1 - screen->line_width);
    screen_print(screen, CORNER_TOP_RIGHT INK_RESET);
}

static void draw_workers(Screen* screen, const WorkshopNotice* notice, int workers) {
    screen_print(screen, " workers ");
    for (int i = 0; i < workers; i++) {
        char activity = notice->activity[i];
        const char* ink = activity == ACTIVITY_MAKING || activity == ACTIVITY_TALLY
                              ? INK_GREEN INK_BOLD
                          : activity == ACTIVITY_DOCK ? INK_CYAN INK_BOLD
                          : activity == ACTIVITY_DONE ? INK_GREY
                                                      : INK_YELLOW;
        screen_print(screen, "%s%c" INK_RESET "%s", ink, activity ? activity : ' ',
                     workers <= 7 ? " " : "");
    }
}

// One of the four inner lines of a workshop's box.
static void draw_inner(Screen* screen, const Factory* factory, int index, int line) {
    const NoticeBoard* board = factory->board;
    const WorkshopNotice* notice = &board->notices[index];
    int start = screen->line_width;
    screen_print(screen, LINE_VERTICAL);
    if (line == 0) {
        screen_print(screen, " number %ld at %p", notice->number, (void*)notice->number_address);
    } else if (line == 1) {
        screen_print(screen, " tally %3ld of %-3ld ", notice->tally, notice->expected);
        screen_bar(screen, 4,
                   notice->expected ? (int)(notice->tally * 1000 / notice->expected) : 0);
    } else if (line == 2) {
        draw_workers(screen, notice, board->workers);
    } else {
        int64_t share = notice->cpu_ns * 100 / total_cpu(board, factory->started);
        screen_print(screen, " CPU %5lld ms  %3lld%%",
                     (long long)(notice->cpu_ns / NANOSECONDS_PER_MILLISECOND), (long long)share);
    }
    screen_pad_to(screen, start + BOX_INNER + 1);
    screen_print(screen, LINE_VERTICAL);
}

static void draw_boxes(Screen* screen, const Factory* factory) {
    for (int first = 0; first < factory->started; first += BOXES_PER_ROW) {
        int last =
            first + BOXES_PER_ROW < factory->started ? first + BOXES_PER_ROW : factory->started;
        for (int row = 0; row < 6; row++) {
            for (int i = first; i < last; i++) {
                screen_pad_to(screen, 1 + (i - first) * (BOX_INNER + 3));
                bool power = has_power(factory->board, factory->started, i);
                if (row == 0)
                    draw_top(screen, factory, i, power);
                else if (row == 5) {
                    screen_print(screen, CORNER_BOTTOM_LEFT);
                    screen_repeat(screen, LINE_HORIZONTAL, BOX_INNER);
                    screen_print(screen, CORNER_BOTTOM_RIGHT);
                } else
                    draw_inner(screen, factory, i, row - 1);
            }
            screen_end_line(screen);
        }
    }
    screen_print(screen, INK_GREY "   M making a crate, w/T waiting for/at the tally, q/D for/at "
                                  "the dock, . done" INK_RESET);
    screen_end_line(screen);
}

static void draw_shared(Screen* screen, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    screen_print(screen, " loading dock, %d bays (named semaphore): ", board->bays);
    for (int bay = 0; bay < board->bays; bay++) {
        int user = board->bay_user[bay];
        if (user)
            screen_print(screen, INK_CYAN INK_BOLD "[W%d.%d]" INK_RESET " ", user / 16, user % 16);
        else
            screen_print(screen, INK_GREY "[    ]" INK_RESET " ");
    }
    screen_end_line(screen);
    long all = (long)board->workshops * board->workers * board->rounds;
    screen_print(screen, " notice board (shared memory): %ld of %ld shipped", board->crates_shipped,
                 all);
    if (board->latest_note_author)
        screen_print(screen, ", \"%s\"", board->latest_note);
    screen_end_line(screen);
    screen_print(screen, " the power moved between workshops %ld times (as the workers saw it)",
                 board->power_moves);
    screen_end_line(screen);
}

static void draw_trespasser(Screen* screen, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    if (factory->trespasser_pid == 0)
        return;
    screen_print(screen, " trespasser (pid %d)", factory->trespasser_pid);
    if (board->trespasser_stage >= 1)
        screen_print(screen, ": at %p, W1's number, finds %ld: its own memory",
                     (void*)board->trespasser_address, board->trespasser_found);
    screen_end_line(screen);
    if (board->trespasser_stage >= 2) {
        int status = factory->trespasser_status;
        screen_print(screen, "   writes to %p: ", (void*)board->forbidden_address);
        if (WIFSIGNALED(status))
            screen_print(screen, INK_RED INK_BOLD "stopped by the kernel" INK_RESET " (%s)",
                         platform_signal_name(WTERMSIG(status)));
        else
            screen_print(screen, "exit status %d", WEXITSTATUS(status));
        screen_end_line(screen);
    }
}

void draw_factory(Screen* screen, Factory* factory) {
    pthread_mutex_lock(&factory->records);
    const FactorySettings* settings = factory->settings;
    screen_begin_frame(screen);
    screen_print(screen,
                 INK_BOLD " FACTORY  %d workshops (processes) x %d workers (threads)" INK_RESET,
                 settings->workshops, settings->workers);
    int64_t tenths = (now_ns() - report_origin()) / (100 * NANOSECONDS_PER_MILLISECOND);
    screen_pad_to(screen, 66);
    screen_print(screen, "t = %3lld.%lld s", (long long)(tenths / 10), (long long)(tenths % 10));
    screen_end_line(screen);
    screen_end_line(screen);
    draw_boxes(screen, factory);
    screen_end_line(screen);
    draw_shared(screen, factory);
    draw_trespasser(screen, factory);
    screen_end_line(screen);
    for (int i = 0; i < RECENT_EVENT_COUNT && screen->lines < SCREEN_MAX_LINES; i++) {
        screen_print(screen, " %s", factory->events.lines[i]);
        screen_end_line(screen);
    }
    screen_end_frame(screen);
    pthread_mutex_unlock(&factory->records);
}
