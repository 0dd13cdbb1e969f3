// The factory demo's shared types. The factory (the first process) starts W workshops
// (processes: this program again, by posix_spawn) with K workers (threads) each. Workers of
// one workshop share its memory; workshops share only what the factory sets up on purpose: a
// loading dock with B bays (a named semaphore) and a notice board (POSIX shared memory, this
// NoticeBoard). A trespasser process shows what happens to a reach into memory not one's own.
#pragma once

#include "report.h"
#include "screen.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>

#define MAX_WORKSHOPS 6
#define MAX_WORKERS 8
#define MAX_BAYS 8
#define NOTE_LENGTH 40

typedef enum WorkshopState {
    WORKSHOP_NOT_STARTED,
    WORKSHOP_WORKING,
    WORKSHOP_FINISHED,
} WorkshopState;

// What each worker is doing, one letter each in the picture.
typedef enum Activity {
    ACTIVITY_IDLE = ' ',
    ACTIVITY_MAKING = 'M',        // making a crate: CPU work
    ACTIVITY_WAITING_TALLY = 'w', // waiting for the tally board's mutex
    ACTIVITY_TALLY = 'T',         // adding its crate to the tally board
    ACTIVITY_WAITING_DOCK = 'q',  // queueing for a bay of the loading dock
    ACTIVITY_DOCK = 'D',          // loading at the dock
    ACTIVITY_DONE = '.',
} Activity;

// One workshop's corner of the notice board, written only by that workshop's threads. A
// reader may see a field change while it draws; on a 32-bit CPU a 64-bit field may even be
// read half old, half new, which costs one odd frame of the picture at worst. The summary
// reads the board only after every workshop has ended.
typedef struct WorkshopNotice {
    volatile int pid;
    volatile int state;                // a WorkshopState
    volatile uintptr_t number_address; // &g_workshop_number inside that workshop
    volatile long number;              // the value it found there
    volatile uintptr_t tally_address;  // &g_tally_board inside that workshop
    volatile long tally;
    volatile long expected;
    volatile int64_t cpu_ns;         // CPU time of the whole workshop so far
    volatile long context_switches;  // from the scheduler (platform.h), -1 if unknown
    volatile int64_t last_active_ns; // when one of its workers last worked: who has power
    volatile char activity[MAX_WORKERS];
    volatile long notes_read; // notes by other workshops its workers read on the board
} WorkshopNotice;

typedef struct NoticeBoard {
    int64_t origin_ns;    // the factory's start, so every process stamps events alike
    int64_t units_per_ms; // the factory's measure of this CPU's speed (timing.h)
    int workshops;
    int workers;
    int rounds;
    int bays;
    WorkshopNotice notices[MAX_WORKSHOPS];
    // The pen (a named semaphore with one key) protects everything from here on: a lock
    // between processes, as a mutex is one between the threads of one process.
    int dock_in_use;
    int dock_most_in_use;
    int bay_user[MAX_BAYS]; // 0 if free, else workshop * 16 + worker + 1
    long crates_shipped;
    long shipped_by[MAX_WORKSHOPS];
    int power_holder; // the workshop whose worker last saw it had the CPU, 0 before any
    long power_moves; // how often a worker found the power had come from another workshop
    char latest_note[NOTE_LENGTH];
    int latest_note_author; // workshop number, 0 if none yet
    long latest_note_serial;
    // The trespasser's report (before it is stopped).
    volatile int trespasser_stage; // 1 read at another's address, 2 touched the forbidden one
    volatile uintptr_t trespasser_address;
    volatile long trespasser_found;
    volatile uintptr_t forbidden_address;
} NoticeBoard;

// Everything the factory and the spawned processes need to know (the same options table).
typedef struct FactorySettings {
    int workshops;
    int workers;
    int rounds;
    int bays;
    int make_ms;
    int dock_ms;
    int timeout_s;
    bool no_trespasser;
    bool plain;
    const char* role; // NULL for the factory, "workshop" or "trespasser" in spawned processes
    int factory_id;   // the factory's pid: names its board and semaphores
    int number;       // workshop number, from 1
} FactorySettings;

// Two globals of every process of this program (workshop.c): the same address everywhere,
// separate memory behind it in each process.
extern long g_workshop_number;
extern long g_tally_board;

// The factory's own records (in its memory only).
typedef struct Factory {
    const FactorySettings* settings;
    NoticeBoard* board;
    int started; // workshops started
    int pids[MAX_WORKSHOPS];
    int trespasser_pid;    // 0 if none was started
    int trespasser_status; // as waitpid reported it
    int64_t started_ns;
    // The records lock protects everything below (the waiter thread writes, the main thread
    // reads to draw and to sum up).
    pthread_mutex_t records;
    int statuses[MAX_WORKSHOPS];
    bool ended[MAX_WORKSHOPS];
    int ended_count;
    int64_t finished_ns;
    bool timed_out;
    RecentEvents events;
} Factory;

// A factory-level event: printed in plain mode, kept for the picture otherwise.
void factory_event(Factory* factory, const char* format, ...) __attribute__((format(printf, 2, 3)));
void draw_factory(Screen* screen, Factory* factory);
int summarize_factory(Factory* factory);

// Shared objects, by the factory's pid. The factory creates them, workshops open them.
NoticeBoard* board_create(int factory_id);
NoticeBoard* board_open(int factory_id);
sem_t* dock_open(int factory_id, int bays_to_create); // 0: open the existing one
sem_t* pen_open(int factory_id, bool create);
void factory_objects_remove(int factory_id);

int run_factory(const FactorySettings* settings, const char* program_path);
int run_workshop(const FactorySettings* settings);
int run_trespasser(const FactorySettings* settings);

// Workshop "W2", worker "W2.3".
void workshop_name(char* text, int size, int number);
