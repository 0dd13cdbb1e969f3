// The GIL demo: why Python threads do not speed up CPU-bound work but do help with IO-bound
// work, and why processes do scale. The same computation runs on one thread, on threads that
// must hold one global interpreter lock to compute (handed over every switch interval, as in
// CPython), on threads without such a lock, and on processes; then IO-bound work (sleeping
// stands for waiting on a disk or the network) runs on one thread and on threads under the lock.

#include "gil.h"

#include "options.h"
#include "platform.h"
#include "report.h"
#include "timing.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static Stage g_stage; // one stage at a time; too big for a small stack
static Screen g_screen;

static void prepare_stage(Stage* stage, StageKind kind, const Settings* settings) {
    memset(stage, 0, sizeof *stage);
    stage->kind = kind;
    bool single = kind == STAGE_CPU_ONE_THREAD || kind == STAGE_IO_ONE_THREAD;
    stage->worker_count = single ? 1 : settings->threads;
    stage->io_wait_us = settings->io_ms * 1000;
    int64_t switch_units = work_units_per_ms() * settings->switch_ms;
    stage->switch_units = switch_units > 0 ? (uint32_t)switch_units : 1;
    stage->switch_ms = settings->switch_ms;
    stage->plain = settings->plain;
    stage->screen = &g_screen;
    stage->program_path = settings->program_path;
    stage->board_name = settings->board_name;
    pthread_mutex_init(&stage->gil.lock, NULL);
    sem_init(&stage->gil.switched, 0, 0);
    stage->gil.previous_holder = -1;
    pthread_mutex_init(&stage->bookkeeping, NULL);
    uint32_t share = settings->total_units / (uint32_t)stage->worker_count;
    for (int i = 0; i < stage->worker_count; i++) {
        Worker* worker = &stage->workers[i];
        worker->stage = stage;
        worker->index = i;
        worker->first = share * (uint32_t)i;
        worker->count =
            i == stage->worker_count - 1 ? settings->total_units - worker->first : share;
        worker->waits = single ? settings->io_waits * settings->threads : settings->io_waits;
    }
}

static void release_stage(Stage* stage) {
    sem_destroy(&stage->gil.switched);
    pthread_mutex_destroy(&stage->gil.lock);
    pthread_mutex_destroy(&stage->bookkeeping);
}

static void report_stage(StageKind kind, const StageResult* result) {
    char label[48];
    stage_label(kind, result->workers, label, sizeof label);
    int64_t elapsed = result->elapsed_ns > 0 ? result->elapsed_ns : 1;
    int64_t busy = result->cpu_ns * 100 / elapsed;
    report_event("%s: %lld ms, %lld ms of CPU, %lld.%02lld CPUs busy", label,
                 (long long)(result->elapsed_ns / NANOSECONDS_PER_MILLISECOND),
                 (long long)(result->cpu_ns / NANOSECONDS_PER_MILLISECOND), (long long)(busy / 100),
                 (long long)(busy % 100));
    if (kind == STAGE_CPU_THREADS_WITH_GIL || kind == STAGE_IO_THREADS_WITH_GIL)
        report_event("  the GIL changed hands %ld times", result->handovers);
}

static void run_all_stages(const Settings* settings, StageResult results[STAGE_COUNT]) {
    for (int kind = 0; kind < STAGE_COUNT; kind++) {
        Stage* stage = &g_stage;
        prepare_stage(stage, (StageKind)kind, settings);
        if (settings->plain) {
            char label[48];
            report_event("stage %d of %d: %s", kind + 1, STAGE_COUNT,
                         stage_label((StageKind)kind, stage->worker_count, label, sizeof label));
        }
        bool started = kind == STAGE_CPU_PROCESSES ? run_process_stage(stage, results)
                                                   : run_thread_stage(stage, results);
        results[kind] = collect_result(stage);
        if (!started)
            results[kind].all_finished = false;
        if (settings->plain)
            report_stage((StageKind)kind, &results[kind]);
        else if (kind == STAGE_COUNT - 1)
            draw_gil_picture(&g_screen, stage, results);
        release_stage(stage);
    }
    if (!settings->plain)
        screen_close(&g_screen);
}

// Hidden options used when the demo starts itself as a worker process.
typedef struct ChildRole {
    const char* role;
    const char* board;
    int slot;
    int first;
    int count;
} ChildRole;

static void parse_arguments(int argc, char** argv, Settings* settings, ChildRole* child) {
    Option options[] = {
        {"threads", OPTION_NUMBER, &settings->threads, 2, GIL_MAX_WORKERS,
         "threads (and processes) sharing the work"},
        {"work-ms", OPTION_NUMBER, &settings->work_ms, 1, 600000,
         "CPU-bound work, in milliseconds for one thread"},
        {"switch-ms", OPTION_NUMBER, &settings->switch_ms, 1, 1000,
         "switch interval: how long the GIL is held when others wait"},
        {"io-waits", OPTION_NUMBER, &settings->io_waits, 1, 100000, "IO waits per thread"},
        {"io-ms", OPTION_NUMBER, &settings->io_ms, 1, 60000, "length of one IO wait"},
        {"plain", OPTION_FLAG, &settings->plain, 0, 0,
         "one log line per event instead of a picture"},
        {"gil-role", OPTION_TEXT, &child->role, 0, 0, NULL},
        {"board", OPTION_TEXT, &child->board, 0, 0, NULL},
        {"slot", OPTION_NUMBER, &child->slot, 0, GIL_MAX_WORKERS - 1, NULL},
        {"first", OPTION_NUMBER, &child->first, 0, INT_MAX, NULL},
        {"count", OPTION_NUMBER, &child->count, 0, INT_MAX, NULL},
    };
    ProgramInfo program = {"gil",
                           "CPU-bound work on 1 thread, on N threads under one global interpreter "
                           "lock (as in CPython), on N threads without it and on N processes; "
                           "then IO-bound work (waiting) on 1 thread and on N threads under the "
                           "lock. Compares the times.",
                           options, (int)(sizeof options / sizeof options[0])};
    parse_options(&program, argc, argv);
}

int main(int argc, char** argv) {
    Settings settings = {4, 1000, 5, 5, 50, false, 0, NULL, ""};
    ChildRole child = {NULL, "", 0, 0, 0};
    parse_arguments(argc, argv, &settings, &child);
    if (child.role) {
        if (strcmp(child.role, "process-worker") != 0) {
            fprintf(stderr, "gil: unknown role '%s'\n", child.role);
            return 2;
        }
        return run_process_worker(child.board, child.slot, (uint32_t)child.first,
                                  (uint32_t)child.count);
    }
    platform_restore_terminal_on_interrupt();
    work_calibrate();
    int64_t total_units = work_units_per_ms() * settings.work_ms;
    if (total_units > INT_MAX) {
        fprintf(stderr, "gil: --work-ms %d is more than 31 bits of work here; at most %lld\n",
                settings.work_ms, (long long)(INT_MAX / work_units_per_ms()));
        return 2;
    }
    settings.total_units = (uint32_t)total_units;
    settings.program_path = platform_self_path(argv[0]);
    snprintf(settings.board_name, sizeof settings.board_name, "/gil-board-%d", (int)getpid());
    report_set_origin(now_ns());
    if (settings.plain)
        report_event("gil: %d threads, %d ms of work, switch every %d ms, %d x %d ms IO waits",
                     settings.threads, settings.work_ms, settings.switch_ms, settings.io_waits,
                     settings.io_ms);
    StageResult results[STAGE_COUNT] = {0};
    run_all_stages(&settings, results);
    return summarize_gil(&settings, results);
}
