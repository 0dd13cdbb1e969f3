// The GIL demo's threads: CPU-bound workers with and without the global interpreter lock, and
// IO-bound workers that, as CPython does around a blocking call, let go of the lock while they
// wait.

#include "gil.h"

#include "report.h"
#include "timing.h"

#include <sched.h>
#include <stdio.h>
#include <string.h>

// CPU work a thread does holding the lock between two waits (parsing what it read, say).
#define IO_WORK_US 200

static void bookkeeping_add(Stage* stage, int* counter, int delta, int* most) {
    pthread_mutex_lock(&stage->bookkeeping);
    *counter += delta;
    if (most && *counter > *most)
        *most = *counter;
    pthread_mutex_unlock(&stage->bookkeeping);
}

static void gil_take(Stage* stage, Worker* self) {
    Gil* gil = &stage->gil;
    self->phase = PHASE_WAITING_FOR_GIL;
    bookkeeping_add(stage, &gil->waiting, 1, NULL);
    pthread_mutex_lock(&gil->lock);
    bookkeeping_add(stage, &gil->waiting, -1, NULL);
    if (gil->switch_pending) { // the last holder let go for us and waits until someone took it
        gil->switch_pending = false;
        sem_post(&gil->switched);
    }
    gil->in_interpreter++;
    if (gil->in_interpreter > gil->most_in_interpreter)
        gil->most_in_interpreter = gil->in_interpreter;
    if (gil->previous_holder != self->index) {
        if (gil->previous_holder >= 0)
            gil->handovers++;
        gil->previous_holder = self->index;
    }
    self->phase = PHASE_HOLDING_GIL;
}

static void gil_drop(Stage* stage, Worker* self) {
    stage->gil.in_interpreter--;
    self->phase = PHASE_STARTING;
    pthread_mutex_unlock(&stage->gil.lock);
}

// At the end of a switch interval: keep the lock if nobody asks for it; otherwise hand it over
// and wait until another thread has really taken it. Without that wait the thread that lets go
// would often take the lock straight back (CPython 3.2 added the same "forced switching").
static void gil_switch_interval(Stage* stage, Worker* self) {
    Gil* gil = &stage->gil;
    pthread_mutex_lock(&stage->bookkeeping);
    int waiting = gil->waiting;
    pthread_mutex_unlock(&stage->bookkeeping);
    if (waiting == 0)
        return;
    gil->switch_pending = true;
    gil_drop(stage, self);
    self->phase = PHASE_HANDING_OVER;
    sem_wait(&gil->switched);
    gil_take(stage, self);
}

static void finish(Stage* stage, Worker* self, uint32_t sum, int64_t cpu_start) {
    self->sum = sum;
    self->cpu_ns = thread_cpu_ns() - cpu_start;
    self->finished_ns = now_ns();
    self->phase = PHASE_DONE;
    note_worker_finished(stage, self);
}

static void* cpu_worker_with_gil(void* argument) {
    Worker* self = argument;
    Stage* stage = self->stage;
    int64_t cpu_start = thread_cpu_ns();
    uint32_t sum = 0;
    uint32_t done = 0;
    gil_take(stage, self);
    while (done < self->count) {
        uint32_t piece =
            self->count - done < stage->switch_units ? self->count - done : stage->switch_units;
        sum += work_sum(self->first + done, piece);
        done += piece;
        self->units_done = done;
        if (done < self->count)
            gil_switch_interval(stage, self);
    }
    gil_drop(stage, self);
    finish(stage, self, sum, cpu_start);
    return NULL;
}

static void* cpu_worker_without_gil(void* argument) {
    Worker* self = argument;
    int64_t cpu_start = thread_cpu_ns();
    uint32_t sum = 0;
    uint32_t done = 0;
    self->phase = PHASE_RUNNING;
    while (done < self->count) {
        uint32_t piece = self->count - done < self->stage->switch_units ? self->count - done
                                                                        : self->stage->switch_units;
        sum += work_sum(self->first + done, piece);
        done += piece;
        self->units_done = done;
    }
    finish(self->stage, self, sum, cpu_start);
    return NULL;
}

static void* io_worker_with_gil(void* argument) {
    Worker* self = argument;
    Stage* stage = self->stage;
    int64_t cpu_start = thread_cpu_ns();
    for (int wait = 0; wait < self->waits; wait++) {
        gil_take(stage, self);
        work_for_us(IO_WORK_US);
        gil_drop(stage, self); // CPython releases the lock around every blocking call
        self->phase = PHASE_WAITING_FOR_IO;
        bookkeeping_add(stage, &stage->waiting_for_io, 1, &stage->most_waiting_for_io);
        sleep_us(stage->io_wait_us);
        bookkeeping_add(stage, &stage->waiting_for_io, -1, NULL);
        self->waits_done = wait + 1;
    }
    finish(stage, self, 0, cpu_start);
    return NULL;
}

bool run_thread_stage(Stage* stage, const StageResult results[STAGE_COUNT]) {
    void* (*body)(void*) = cpu_worker_with_gil;
    if (stage->kind == STAGE_CPU_THREADS_WITHOUT_GIL)
        body = cpu_worker_without_gil;
    else if (stage->kind == STAGE_IO_ONE_THREAD || stage->kind == STAGE_IO_THREADS_WITH_GIL)
        body = io_worker_with_gil;
    stage->started_ns = now_ns();
    int started = 0;
    for (; started < stage->worker_count; started++) {
        Worker* worker = &stage->workers[started];
        int error = pthread_create(&worker->thread, NULL, body, worker);
        if (error != 0) {
            fprintf(stderr, "gil: cannot start thread %d: %s\n", started + 1, strerror(error));
            break;
        }
    }
    if (started == stage->worker_count)
        wait_for_stage(stage, results);
    for (int i = 0; i < started; i++)
        pthread_join(stage->workers[i].thread, NULL);
    return started == stage->worker_count;
}
