// The GIL demo's picture: the stage running now, with one bar per worker and who holds the
// lock, above a table of the stages so far (time, CPU time, CPUs busy on average, speedup).

#include "gil.h"

#include "report.h"
#include "timing.h"

#include <stdio.h>

#define WORKER_ROWS_MAX 8

static void draw_title(Screen* screen, const Stage* stage) {
    screen_print(screen, INK_BOLD " GIL  one global interpreter lock, as in CPython" INK_RESET);
    int64_t tenths = (now_ns() - report_origin()) / (100 * NANOSECONDS_PER_MILLISECOND);
    screen_pad_to(screen, 66);
    screen_print(screen, "t = %3lld.%lld s", (long long)(tenths / 10), (long long)(tenths % 10));
    screen_end_line(screen);
    screen_end_line(screen);
    char label[48];
    stage_label(stage->kind, stage->worker_count, label, sizeof label);
    screen_print(screen, "   now: " INK_CYAN "%s" INK_RESET, label);
    if (stage->kind == STAGE_CPU_THREADS_WITH_GIL)
        screen_print(screen, ": the holder lets go every %d ms if asked", stage->switch_ms);
    screen_end_line(screen);
    screen_end_line(screen);
}

static void draw_worker(Screen* screen, const Stage* stage, int index) {
    static const char* const phase_names[] = {
        "",        "waits for the GIL",      "HOLDS THE GIL",
        "running", "waits for IO, GIL free", "hands the GIL over",
        "done"};
    static const char* const phase_inks[] = {
        "", INK_YELLOW, INK_GREEN INK_BOLD, INK_GREEN, INK_CYAN, INK_YELLOW, INK_GREY};
    const Worker* worker = &stage->workers[index];
    bool io = stage->kind >= STAGE_IO_ONE_THREAD;
    int64_t done = io ? (int64_t)worker->waits_done : (int64_t)worker->units_done;
    if (stage->board && !stage->board->finished[index])
        done = stage->board->units_done[index];
    int64_t total = io ? (int64_t)worker->waits : (int64_t)worker->count;
    int per_mille = total > 0 ? (int)(done * 1000 / total) : 1000;
    screen_print(screen, "   %s %-2d [", stage->kind == STAGE_CPU_PROCESSES ? "process" : "thread ",
                 index + 1);
    screen_bar(screen, 24, per_mille);
    screen_print(screen, "] %3d%%  ", per_mille / 10);
    int phase = worker->phase;
    if (phase >= PHASE_STARTING && phase <= PHASE_DONE)
        screen_print(screen, "%s%s" INK_RESET, phase_inks[phase], phase_names[phase]);
    screen_end_line(screen);
}

static void draw_row(Screen* screen, StageKind kind, const StageResult* result,
                     const StageResult* baseline) {
    char label[48];
    stage_label(kind, result->workers, label, sizeof label);
    int64_t elapsed_ms = result->elapsed_ns / NANOSECONDS_PER_MILLISECOND;
    screen_print(screen, "   %-30s %7lld ms %7lld ms", label, (long long)elapsed_ms,
                 (long long)(result->cpu_ns / NANOSECONDS_PER_MILLISECOND));
    int64_t elapsed = result->elapsed_ns > 0 ? result->elapsed_ns : 1;
    int64_t busy = result->cpu_ns * 100 / elapsed; // hundredths of a CPU
    screen_print(screen, "  %5lld.%02lld", (long long)(busy / 100), (long long)(busy % 100));
    if (baseline && baseline->ran && kind != STAGE_CPU_ONE_THREAD && kind != STAGE_IO_ONE_THREAD) {
        char ratio[24];
        format_ratio(ratio, sizeof ratio, baseline->elapsed_ns * 1000 / elapsed);
        screen_print(screen, "  %7s", ratio);
    }
    screen_end_line(screen);
}

static void draw_table(Screen* screen, const StageResult results[STAGE_COUNT]) {
    screen_print(screen, INK_BOLD "   %-30s %10s %10s  %s  %s" INK_RESET, "stage", "elapsed",
                 "CPU time", "CPUs busy", "speedup");
    screen_end_line(screen);
    for (int kind = 0; kind < STAGE_COUNT; kind++) {
        if (!results[kind].ran)
            continue;
        const StageResult* baseline = kind >= STAGE_IO_ONE_THREAD ? &results[STAGE_IO_ONE_THREAD]
                                                                  : &results[STAGE_CPU_ONE_THREAD];
        draw_row(screen, (StageKind)kind, &results[kind], baseline);
    }
}

void draw_gil_picture(Screen* screen, const Stage* stage, const StageResult results[STAGE_COUNT]) {
    screen_begin_frame(screen);
    draw_title(screen, stage);
    int shown = stage->worker_count < WORKER_ROWS_MAX ? stage->worker_count : WORKER_ROWS_MAX;
    for (int i = 0; i < shown; i++)
        draw_worker(screen, stage, i);
    if (shown < stage->worker_count) {
        screen_print(screen, "   (%d more not shown)", stage->worker_count - shown);
        screen_end_line(screen);
    }
    if (stage->kind == STAGE_CPU_THREADS_WITH_GIL || stage->kind == STAGE_IO_THREADS_WITH_GIL)
        screen_print(screen, "   the GIL changed hands %ld times   ", stage->gil.handovers);
    if (stage->kind >= STAGE_IO_ONE_THREAD)
        screen_print(screen, "   waiting for IO at once: %d now, %d at most", stage->waiting_for_io,
                     stage->most_waiting_for_io);
    screen_end_line(screen);
    screen_end_line(screen);
    draw_table(screen, results);
    screen_end_frame(screen);
}
