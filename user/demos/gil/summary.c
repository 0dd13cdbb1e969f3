// The GIL demo's summary: what holds in every run (the work adds up; the lock let one thread
// compute at a time; the IO waits overlapped), and the times that show the seed's conclusions.

#include "gil.h"

#include "platform.h"
#include "report.h"
#include "timing.h"

#include <stdio.h>

// "CPUs busy on average": CPU time over elapsed time, in hundredths.
static int64_t busy_hundredths(const StageResult* result) {
    return result->cpu_ns * 100 / (result->elapsed_ns > 0 ? result->elapsed_ns : 1);
}

static int64_t milliseconds(int64_t nanoseconds) {
    return nanoseconds / NANOSECONDS_PER_MILLISECOND;
}

static void speedup_text(char* text, int size, const StageResult* baseline,
                         const StageResult* result) {
    format_ratio(text, size,
                 baseline->elapsed_ns * 1000 / (result->elapsed_ns > 0 ? result->elapsed_ns : 1));
}

static void check_cpu_stages(Summary* summary, const StageResult results[STAGE_COUNT]) {
    const StageResult* one = &results[STAGE_CPU_ONE_THREAD];
    const StageResult* gil = &results[STAGE_CPU_THREADS_WITH_GIL];
    bool sums_match = results[STAGE_CPU_THREADS_WITH_GIL].sum == one->sum &&
                      results[STAGE_CPU_THREADS_WITHOUT_GIL].sum == one->sum &&
                      results[STAGE_CPU_PROCESSES].sum == one->sum;
    summary_check(summary, sums_match, "threads and processes got one thread's result (%08x)",
                  (unsigned)one->sum);
    summary_check(summary, gil->most_in_interpreter == 1 && one->most_in_interpreter == 1,
                  "the GIL let one thread at a time run bytecode (most at once: %d)",
                  gil->most_in_interpreter);
    // CPU time can exceed elapsed time only if threads computed at the same time. The slack
    // covers clocks that count CPU time by whole timer ticks (10 ms) per thread.
    int64_t slack = gil->elapsed_ns / 10 + (int64_t)gil->workers * 10 * NANOSECONDS_PER_MILLISECOND;
    char speedup[24];
    speedup_text(speedup, sizeof speedup, one, gil);
    summary_check(summary, gil->cpu_ns <= gil->elapsed_ns + slack,
                  "GIL threads never computed at once: %lld ms of CPU in %lld ms",
                  (long long)milliseconds(gil->cpu_ns), (long long)milliseconds(gil->elapsed_ns));
    summary_note(summary, "so %d threads under the GIL took %lld ms, 1 thread %lld ms (%s)",
                 gil->workers, (long long)milliseconds(gil->elapsed_ns),
                 (long long)milliseconds(one->elapsed_ns), speedup);
}

static void check_io_stages(Summary* summary, const Settings* settings,
                            const StageResult results[STAGE_COUNT]) {
    const StageResult* one = &results[STAGE_IO_ONE_THREAD];
    const StageResult* gil = &results[STAGE_IO_THREADS_WITH_GIL];
    summary_check(summary, gil->most_waiting_for_io >= 2,
                  "GIL threads waited for IO at the same time (%d at once)",
                  gil->most_waiting_for_io);
    char speedup[24];
    speedup_text(speedup, sizeof speedup, one, gil);
    summary_check(summary, gil->elapsed_ns * 4 < one->elapsed_ns * 3,
                  "%d x %d waits of %d ms: %lld ms on %d threads, %lld ms on 1 (%s)",
                  settings->threads, settings->io_waits, settings->io_ms,
                  (long long)milliseconds(gil->elapsed_ns), gil->workers,
                  (long long)milliseconds(one->elapsed_ns), speedup);
}

static void note_parallel_stages(Summary* summary, const StageResult results[STAGE_COUNT]) {
    const StageResult* one = &results[STAGE_CPU_ONE_THREAD];
    const StageResult* free = &results[STAGE_CPU_THREADS_WITHOUT_GIL];
    const StageResult* processes = &results[STAGE_CPU_PROCESSES];
    char free_speedup[24];
    char process_speedup[24];
    speedup_text(free_speedup, sizeof free_speedup, one, free);
    speedup_text(process_speedup, sizeof process_speedup, one, processes);
    int cpus = platform_cpu_count();
    summary_note(summary, "no GIL: threads %s, processes %s, on %d CPU%s (%s)", free_speedup,
                 process_speedup, cpus, cpus == 1 ? "" : "s", PLATFORM_NAME);
    int64_t busy = busy_hundredths(free) > busy_hundredths(processes) ? busy_hundredths(free)
                                                                      : busy_hundredths(processes);
    int usable = cpus < free->workers ? cpus : free->workers;
    if (cpus > 1 && busy < usable * 100 - 50)
        summary_note(summary, "(at most %lld.%02lld CPUs worked for them: other programs ran too)",
                     (long long)(busy / 100), (long long)(busy % 100));
    if (cpus == 1) {
        summary_note(summary, "one CPU does all the work however it is split, so neither");
        summary_note(summary, "threads nor processes can beat one thread: differences between");
        summary_note(summary, "the stages are the clock's steps and what else the machine (or");
        summary_note(summary, "an emulator's host) was doing; on N CPUs, threads without a GIL");
        summary_note(summary, "and processes could be up to N times as fast as one thread");
    } else {
        summary_note(summary, "each process has its own interpreter lock, so processes can");
        summary_note(summary, "use all %d CPUs at once, as threads without a GIL can", cpus);
    }
}

static void add_figures(Summary* summary, const Settings* settings,
                        const StageResult results[STAGE_COUNT]) {
    static const char* const names[STAGE_COUNT] = {"cpu_one",       "cpu_gil", "cpu_free",
                                                   "cpu_processes", "io_one",  "io_gil"};
    summary_figure(summary, "cpus", platform_cpu_count());
    summary_figure(summary, "threads", settings->threads);
    for (int kind = 0; kind < STAGE_COUNT; kind++) {
        char key[40];
        snprintf(key, sizeof key, "%s_ms", names[kind]);
        summary_figure(summary, key, milliseconds(results[kind].elapsed_ns));
        snprintf(key, sizeof key, "%s_busy", names[kind]);
        summary_figure(summary, key, busy_hundredths(&results[kind]));
    }
    summary_figure(summary, "gil_most_inside",
                   results[STAGE_CPU_THREADS_WITH_GIL].most_in_interpreter);
    summary_figure(summary, "gil_handovers", results[STAGE_CPU_THREADS_WITH_GIL].handovers);
    summary_figure(summary, "io_most_waiting",
                   results[STAGE_IO_THREADS_WITH_GIL].most_waiting_for_io);
}

int summarize_gil(const Settings* settings, const StageResult results[STAGE_COUNT]) {
    Summary summary;
    summary_begin(&summary, "gil", "the GIL: threads, processes, CPU and IO");
    int finished = 0;
    for (int kind = 0; kind < STAGE_COUNT; kind++)
        if (results[kind].all_finished)
            finished++;
    summary_check(&summary, finished == STAGE_COUNT, "every stage ran to its end (%d of %d)",
                  finished, STAGE_COUNT);
    check_cpu_stages(&summary, results);
    note_parallel_stages(&summary, results);
    check_io_stages(&summary, settings, results);
    summary_note(&summary, "the GIL is let go around every wait, so the waits overlap");
    add_figures(&summary, settings, results);
    return summary_end(&summary);
}
