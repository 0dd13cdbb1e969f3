// The GIL demo's shared types. The demo runs the same work in several ways (stages): CPU-bound
// work by one thread, by threads that must hold one global interpreter lock (as CPython's
// threads do), by threads without it, by processes; and IO-bound work (waiting) by one thread
// and by threads under the lock. Each stage is timed and its CPU time summed.
#pragma once

#include "screen.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h> // pid_t

#define GIL_MAX_WORKERS 16

typedef enum StageKind {
    STAGE_CPU_ONE_THREAD,
    STAGE_CPU_THREADS_WITH_GIL,
    STAGE_CPU_THREADS_WITHOUT_GIL,
    STAGE_CPU_PROCESSES,
    STAGE_IO_ONE_THREAD,
    STAGE_IO_THREADS_WITH_GIL,
    STAGE_COUNT,
} StageKind;

typedef enum WorkerPhase {
    PHASE_STARTING,
    PHASE_WAITING_FOR_GIL,
    PHASE_HOLDING_GIL,
    PHASE_RUNNING, // computing without any lock (threads without the GIL, processes)
    PHASE_WAITING_FOR_IO,
    PHASE_HANDING_OVER, // let go of the GIL at a switch interval, waits until another has it
    PHASE_DONE,
} WorkerPhase;

// The global interpreter lock. Whoever holds `lock` may run "bytecode". The fields up to
// most_in_interpreter are protected by `lock` itself (only the holder writes them); `waiting`
// by the stage's bookkeeping lock.
typedef struct Gil {
    pthread_mutex_t lock;
    bool switch_pending; // the holder let go for a waiting thread and waits on `switched`
    sem_t switched;      // posted by the thread that takes the lock after such a hand-over
    int previous_holder;
    long handovers;     // times the lock went to another thread than its last holder
    int in_interpreter; // threads running bytecode now: 1 whenever the lock works
    int most_in_interpreter;
    int waiting; // threads asking for the lock
} Gil;

// What the processes of the processes stage report, in POSIX shared memory.
typedef struct ProcessBoard {
    volatile uint32_t units_done[GIL_MAX_WORKERS];
    volatile uint32_t sum[GIL_MAX_WORKERS];
    volatile int64_t cpu_ns[GIL_MAX_WORKERS];
    volatile int64_t finished_ns[GIL_MAX_WORKERS]; // CLOCK_MONOTONIC, the same in every process
    volatile int finished[GIL_MAX_WORKERS];
} ProcessBoard;

struct Stage;

typedef struct Worker {
    struct Stage* stage;
    int index;
    uint32_t first; // CPU work: this worker's part of work_sum's range
    uint32_t count;
    int waits; // IO work: how many waits
    volatile uint32_t units_done;
    volatile int waits_done;
    volatile int phase; // a WorkerPhase
    uint32_t sum;
    int64_t cpu_ns;
    int64_t finished_ns;
    bool failed; // a process that did not exit normally
    pthread_t thread;
    pid_t pid;
} Worker;

typedef struct Stage {
    StageKind kind;
    const char* label;
    int worker_count;
    int io_wait_us;
    uint32_t switch_units; // work done under the GIL before handing it over
    int switch_ms;         // the same as a time, for the reader
    Gil gil;
    // The bookkeeping lock protects the three counters below.
    pthread_mutex_t bookkeeping;
    int finished_workers;
    int waiting_for_io;
    int most_waiting_for_io;
    int64_t started_ns;
    bool plain;
    Worker workers[GIL_MAX_WORKERS];
    ProcessBoard* board;      // processes stage only
    const char* board_name;   // its shared-memory name
    const char* program_path; // what posix_spawn runs for a process
    Screen* screen;           // where the picture is drawn (unless plain)
} Stage;

typedef struct Settings {
    int threads;
    int work_ms;
    int switch_ms;
    int io_waits; // per thread; the one-thread stage makes threads x io_waits
    int io_ms;
    bool plain;
    uint32_t total_units; // the CPU-bound work, in work_sum units
    const char* program_path;
    char board_name[48];
} Settings;

typedef struct StageResult {
    bool ran;
    bool all_finished;
    int64_t elapsed_ns;
    int64_t cpu_ns; // of all workers together
    uint32_t sum;   // CPU stages: the work's result
    int workers;
    long handovers; // GIL stages
    int most_in_interpreter;
    int most_waiting_for_io;
} StageResult;

// Runs a stage whose workers are threads (all kinds but STAGE_CPU_PROCESSES).
bool run_thread_stage(Stage* stage, const StageResult results[STAGE_COUNT]);
// Runs the processes stage: one process per worker, started with posix_spawn.
bool run_process_stage(Stage* stage, const StageResult results[STAGE_COUNT]);
// The spawned process's side: does its part and posts the result on the board.
int run_process_worker(const char* board_name, int slot, uint32_t first, uint32_t count);

// Waits for the stage's workers, redrawing the picture unless in plain mode.
void wait_for_stage(Stage* stage, const StageResult results[STAGE_COUNT]);
void note_worker_finished(Stage* stage, Worker* worker);

StageResult collect_result(const Stage* stage);
// Prints the summary with its checks; returns the exit status.
int summarize_gil(const Settings* settings, const StageResult results[STAGE_COUNT]);
void draw_gil_picture(Screen* screen, const Stage* stage, const StageResult results[STAGE_COUNT]);
const char* stage_label(StageKind kind, int workers, char* text, int size);
