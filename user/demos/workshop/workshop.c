// One workshop: a process whose K workers (threads) each make crates, add each crate to the
// workshop's tally board (memory they share, under the workshop's mutex), and take it to the
// factory's loading dock, where only B crates fit at once, whoever's they are.

#include "workshop.h"

#include "platform.h"
#include "report.h"
#include "timing.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// Two globals, at the same address in every workshop (the same program), each workshop with
// its own memory behind that address: its page tables map it to its own page.
long g_workshop_number;
long g_tally_board; // protected by Workshop.tally_lock

#define MAKE_SLICE_US 200  // making a crate is CPU work in slices, with a heartbeat after each
#define TALLY_WINDOW_US 50 // between reading and writing the tally: the lock is needed

typedef struct Workshop {
    const FactorySettings* settings;
    NoticeBoard* board;
    WorkshopNotice* notice;
    sem_t* dock;
    sem_t* pen;
    pthread_mutex_t tally_lock; // protects g_tally_board, workers_done, notice->notes_read
    int workers_done;
} Workshop;

typedef struct WorkerThread {
    Workshop* shop;
    int index;
    long last_note_read;
    pthread_t thread;
} WorkerThread;

static void set_activity(WorkerThread* self, Activity activity) {
    self->shop->notice->activity[self->index] = (char)activity;
}

// Tells the board this workshop has the CPU now, and counts a move of the power when the last
// workshop seen working was another one.
static void heartbeat(Workshop* shop) {
    NoticeBoard* board = shop->board;
    int number = shop->settings->number;
    shop->notice->last_active_ns = now_ns();
    if (board->power_holder == number) // a hint read without the pen; checked again under it
        return;
    sem_wait(shop->pen);
    if (board->power_holder != number) {
        if (board->power_holder > 0)
            board->power_moves++;
        board->power_holder = number;
    }
    sem_post(shop->pen);
}

static void make_crate(WorkerThread* self) {
    set_activity(self, ACTIVITY_MAKING);
    for (int64_t left = (int64_t)self->shop->settings->make_ms * 1000; left > 0;
         left -= MAKE_SLICE_US) {
        work_for_us(left < MAKE_SLICE_US ? left : MAKE_SLICE_US);
        heartbeat(self->shop);
    }
}

static void add_to_tally(WorkerThread* self) {
    Workshop* shop = self->shop;
    set_activity(self, ACTIVITY_WAITING_TALLY);
    pthread_mutex_lock(&shop->tally_lock);
    set_activity(self, ACTIVITY_TALLY);
    long value = g_tally_board;
    work_for_us(TALLY_WINDOW_US);
    g_tally_board = value + 1;
    pthread_mutex_unlock(&shop->tally_lock);
}

static void ship_crate(WorkerThread* self, int round) {
    Workshop* shop = self->shop;
    NoticeBoard* board = shop->board;
    int number = shop->settings->number;
    set_activity(self, ACTIVITY_WAITING_DOCK);
    sem_wait(shop->dock);
    sem_wait(shop->pen);
    int bay = 0;
    while (bay < board->bays - 1 && board->bay_user[bay] != 0)
        bay++;
    board->bay_user[bay] = number * 16 + self->index + 1;
    int in_use = ++board->dock_in_use;
    if (in_use > board->dock_most_in_use)
        board->dock_most_in_use = in_use;
    sem_post(shop->pen);
    set_activity(self, ACTIVITY_DOCK);
    if (shop->settings->plain)
        report_event("W%d.%d loads crate %d in bay %d (%d of %d bays in use)", number,
                     self->index + 1, round + 1, bay + 1, in_use, board->bays);
    sleep_us((int64_t)shop->settings->dock_ms * 1000);
    sem_wait(shop->pen);
    board->bay_user[bay] = 0;
    board->dock_in_use--;
    board->crates_shipped++;
    board->shipped_by[number - 1]++;
    snprintf(board->latest_note, NOTE_LENGTH, "W%d.%d shipped crate %d", number, self->index + 1,
             round + 1);
    board->latest_note_author = number;
    board->latest_note_serial++;
    sem_post(shop->pen);
    sem_post(shop->dock);
}

// Reads the latest note on the board; a new one from another workshop counts as read.
static void read_board(WorkerThread* self) {
    Workshop* shop = self->shop;
    char note[NOTE_LENGTH];
    sem_wait(shop->pen);
    bool news = shop->board->latest_note_author != 0 &&
                shop->board->latest_note_author != shop->settings->number &&
                shop->board->latest_note_serial != self->last_note_read;
    self->last_note_read = shop->board->latest_note_serial;
    memcpy(note, shop->board->latest_note, sizeof note);
    sem_post(shop->pen);
    if (!news)
        return;
    pthread_mutex_lock(&shop->tally_lock);
    shop->notice->notes_read++;
    pthread_mutex_unlock(&shop->tally_lock);
    if (shop->settings->plain)
        report_event("W%d.%d reads on the notice board: \"%s\"", shop->settings->number,
                     self->index + 1, note);
}

static void* worker_main(void* argument) {
    WorkerThread* self = argument;
    for (int round = 0; round < self->shop->settings->rounds; round++) {
        make_crate(self);
        read_board(self); // not right after shipping, when the latest note is its own
        add_to_tally(self);
        ship_crate(self, round);
    }
    set_activity(self, ACTIVITY_DONE);
    pthread_mutex_lock(&self->shop->tally_lock);
    self->shop->workers_done++;
    pthread_mutex_unlock(&self->shop->tally_lock);
    return NULL;
}

// Posts the workshop's figures on its corner of the board; returns how many workers are done.
static int post_progress(Workshop* shop) {
    pthread_mutex_lock(&shop->tally_lock);
    shop->notice->tally = g_tally_board;
    int done = shop->workers_done;
    pthread_mutex_unlock(&shop->tally_lock);
    shop->notice->cpu_ns = process_cpu_ns();
    shop->notice->context_switches = platform_context_switches();
    return done;
}

static bool open_shared(Workshop* shop, const FactorySettings* settings) {
    shop->settings = settings;
    shop->board = board_open(settings->factory_id);
    shop->dock = dock_open(settings->factory_id, 0);
    shop->pen = pen_open(settings->factory_id, false);
    if (!shop->board || !shop->dock || !shop->pen || settings->number < 1 ||
        settings->number > MAX_WORKSHOPS) {
        fprintf(stderr, "workshop %d: cannot open the factory's board, dock or pen\n",
                settings->number);
        return false;
    }
    shop->notice = &shop->board->notices[settings->number - 1];
    report_set_origin(shop->board->origin_ns);
    return pthread_mutex_init(&shop->tally_lock, NULL) == 0;
}

static void open_workshop(Workshop* shop) {
    const FactorySettings* settings = shop->settings;
    WorkshopNotice* notice = shop->notice;
    g_workshop_number = settings->number;
    notice->pid = (int)getpid();
    notice->number_address = (uintptr_t)&g_workshop_number;
    notice->number = g_workshop_number;
    notice->tally_address = (uintptr_t)&g_tally_board;
    notice->expected = (long)settings->workers * settings->rounds;
    notice->context_switches = -1;
    for (int i = 0; i < settings->workers; i++)
        notice->activity[i] = (char)ACTIVITY_IDLE;
    notice->state = WORKSHOP_WORKING;
    if (settings->plain)
        report_event("W%d opens (pid %d): g_workshop_number at %p holds %ld", settings->number,
                     notice->pid, (void*)&g_workshop_number, g_workshop_number);
}

int run_workshop(const FactorySettings* settings) {
    static Workshop shop;
    static WorkerThread workers[MAX_WORKERS];
    if (!open_shared(&shop, settings))
        return 1;
    work_set_units_per_ms(shop.board->units_per_ms);
    open_workshop(&shop);
    int started = 0;
    for (; started < settings->workers; started++) {
        workers[started] = (WorkerThread){&shop, started, 0, 0};
        if (pthread_create(&workers[started].thread, NULL, worker_main, &workers[started]) != 0)
            break;
    }
    while (post_progress(&shop) < started)
        sleep_us(50000);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
    post_progress(&shop);
    shop.notice->state = WORKSHOP_FINISHED;
    if (settings->plain)
        report_event("W%d closes: tally board %ld of %ld, %lld ms of CPU", settings->number,
                     g_tally_board, shop.notice->expected,
                     (long long)(shop.notice->cpu_ns / NANOSECONDS_PER_MILLISECOND));
    bool exact = started == settings->workers && g_tally_board == shop.notice->expected;
    return exact ? 0 : 1;
}
