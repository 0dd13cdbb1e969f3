// Bookkeeping common to every stage of the GIL demo: waiting for the workers (and drawing
// meanwhile), noting who finished, and turning a finished stage into its figures.

#include "gil.h"

#include "report.h"
#include "timing.h"

#include <stdio.h>

#define FRAME_INTERVAL_US 100000

const char* stage_label(StageKind kind, int workers, char* text, int size) {
    switch (kind) {
    case STAGE_CPU_ONE_THREAD:
        snprintf(text, (size_t)size, "CPU work, 1 thread");
        break;
    case STAGE_CPU_THREADS_WITH_GIL:
        snprintf(text, (size_t)size, "CPU work, %d threads + GIL", workers);
        break;
    case STAGE_CPU_THREADS_WITHOUT_GIL:
        snprintf(text, (size_t)size, "CPU work, %d threads, no GIL", workers);
        break;
    case STAGE_CPU_PROCESSES:
        snprintf(text, (size_t)size, "CPU work, %d processes", workers);
        break;
    case STAGE_IO_ONE_THREAD:
        snprintf(text, (size_t)size, "IO waits, 1 thread");
        break;
    default:
        snprintf(text, (size_t)size, "IO waits, %d threads + GIL", workers);
        break;
    }
    return text;
}

void note_worker_finished(Stage* stage, Worker* worker) {
    pthread_mutex_lock(&stage->bookkeeping);
    stage->finished_workers++;
    pthread_mutex_unlock(&stage->bookkeeping);
    if (stage->plain)
        report_event(
            "  %s %d finished after %lld ms, %lld ms of CPU",
            stage->kind == STAGE_CPU_PROCESSES ? "process" : "thread", worker->index + 1,
            (long long)((worker->finished_ns - stage->started_ns) / NANOSECONDS_PER_MILLISECOND),
            (long long)(worker->cpu_ns / NANOSECONDS_PER_MILLISECOND));
}

// In plain mode there is nothing to do while waiting: the caller's joins do the waiting.
void wait_for_stage(Stage* stage, const StageResult results[STAGE_COUNT]) {
    if (stage->plain)
        return;
    for (;;) {
        pthread_mutex_lock(&stage->bookkeeping);
        int finished = stage->finished_workers;
        pthread_mutex_unlock(&stage->bookkeeping);
        draw_gil_picture(stage->screen, stage, results);
        if (finished == stage->worker_count)
            return;
        sleep_us(FRAME_INTERVAL_US);
    }
}

StageResult collect_result(const Stage* stage) {
    StageResult result = {0};
    result.ran = true;
    result.all_finished = stage->worker_count > 0;
    result.workers = stage->worker_count;
    int64_t last_finish = stage->started_ns;
    for (int i = 0; i < stage->worker_count; i++) {
        const Worker* worker = &stage->workers[i];
        if (worker->failed || worker->phase != PHASE_DONE)
            result.all_finished = false;
        if (worker->finished_ns > last_finish)
            last_finish = worker->finished_ns;
        result.cpu_ns += worker->cpu_ns;
        result.sum += worker->sum;
    }
    result.elapsed_ns = last_finish - stage->started_ns;
    result.handovers = stage->gil.handovers;
    result.most_in_interpreter = stage->gil.most_in_interpreter;
    result.most_waiting_for_io = stage->most_waiting_for_io;
    return result;
}
