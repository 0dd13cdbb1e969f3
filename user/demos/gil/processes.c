// The GIL demo's processes stage: the same CPU work split among processes (this very program
// started again with posix_spawn and a hidden role). Each process has its own interpreter
// lock, so nothing stops them from running at the same time on as many CPUs as there are.
// They report progress and results on a board in POSIX shared memory.

#include "gil.h"

#include "report.h"
#include "timing.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

// Maps the board; creates it first if `create`. The file descriptor stays open until the
// process ends: the mapping is what matters, and close() is not among the calls the demos use.
static ProcessBoard* map_board(const char* name, bool create) {
    int descriptor = shm_open(name, create ? O_CREAT | O_RDWR : O_RDWR, 0600);
    if (descriptor < 0)
        return NULL;
    if (create && ftruncate(descriptor, sizeof(ProcessBoard)) != 0)
        return NULL;
    void* memory =
        mmap(NULL, sizeof(ProcessBoard), PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0);
    return memory == MAP_FAILED ? NULL : memory;
}

int run_process_worker(const char* board_name, int slot, uint32_t first, uint32_t count) {
    ProcessBoard* board = map_board(board_name, false);
    if (!board || slot < 0 || slot >= GIL_MAX_WORKERS) {
        fprintf(stderr, "gil: worker process cannot open the board %s\n", board_name);
        return 1;
    }
    uint32_t sum = 0;
    uint32_t done = 0;
    while (done < count) {
        uint32_t piece = count - done < 20000 ? count - done : 20000;
        sum += work_sum(first + done, piece);
        done += piece;
        board->units_done[slot] = done;
    }
    board->sum[slot] = sum;
    board->cpu_ns[slot] = process_cpu_ns();
    board->finished_ns[slot] = now_ns();
    board->finished[slot] = 1;
    munmap(board, sizeof(ProcessBoard));
    return 0;
}

static bool spawn_worker(Stage* stage, Worker* worker) {
    char slot[16];
    char first[16];
    char count[16];
    snprintf(slot, sizeof slot, "%d", worker->index);
    snprintf(first, sizeof first, "%u", worker->first);
    snprintf(count, sizeof count, "%u", worker->count);
    char* arguments[] = {(char*)stage->program_path,
                         "--gil-role",
                         "process-worker",
                         "--board",
                         (char*)stage->board_name,
                         "--slot",
                         slot,
                         "--first",
                         first,
                         "--count",
                         count,
                         NULL};
    char* environment[] = {NULL};
    int error = posix_spawn(&worker->pid, stage->program_path, NULL, NULL, arguments, environment);
    if (error != 0) {
        fprintf(stderr, "gil: posix_spawn %s: %s\n", stage->program_path, strerror(error));
        return false;
    }
    worker->phase = PHASE_RUNNING;
    return true;
}

// A thread that waits for each process in turn, so the main thread stays free to draw.
static void* wait_for_processes(void* argument) {
    Stage* stage = argument;
    for (int i = 0; i < stage->worker_count; i++) {
        Worker* worker = &stage->workers[i];
        int status = 0;
        pid_t ended = waitpid(worker->pid, &status, 0);
        // The process's own finishing time; this thread may come to it later, waiting in order.
        worker->finished_ns = stage->board->finished[i] ? stage->board->finished_ns[i] : now_ns();
        worker->failed = ended != worker->pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
                         !stage->board->finished[i];
        worker->sum = stage->board->sum[i];
        worker->cpu_ns = stage->board->cpu_ns[i];
        worker->units_done = stage->board->units_done[i];
        worker->phase = PHASE_DONE;
        if (worker->failed && stage->plain)
            report_event("process %d (pid %d) did not finish its work", i + 1, (int)worker->pid);
        note_worker_finished(stage, worker);
    }
    return NULL;
}

bool run_process_stage(Stage* stage, const StageResult results[STAGE_COUNT]) {
    stage->board = map_board(stage->board_name, true);
    if (!stage->board) {
        fprintf(stderr, "gil: cannot create the shared board %s: %s\n", stage->board_name,
                strerror(errno));
        return false;
    }
    memset(stage->board, 0, sizeof *stage->board);
    fflush(stdout);
    stage->started_ns = now_ns();
    int wanted = stage->worker_count;
    int started = 0;
    while (started < wanted && spawn_worker(stage, &stage->workers[started]))
        started++;
    stage->worker_count = started; // wait only for those that exist
    pthread_t waiter;
    if (pthread_create(&waiter, NULL, wait_for_processes, stage) == 0) {
        wait_for_stage(stage, results);
        pthread_join(waiter, NULL);
    } else {
        wait_for_processes(stage); // no picture then, but no process left behind either
    }
    munmap(stage->board, sizeof *stage->board);
    stage->board = NULL;
    shm_unlink(stage->board_name);
    return started == wanted;
}
