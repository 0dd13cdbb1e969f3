// The factory's summary: each workshop's memory was its own (exact tallies, one address with
// different values, the trespasser stopped), the shared dock and board behaved (never more
// than B at the dock, every crate shipped), and how the CPU was shared among the workshops.

#include "workshop.h"

#include "platform.h"
#include "report.h"
#include "timing.h"

#include <stdio.h>
#include <sys/wait.h>

static void check_workshops(Summary* summary, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    int closed_well = 0;
    int exact = 0;
    bool same_address = factory->started > 0;
    char values[64] = "";
    int used = 0;
    for (int i = 0; i < factory->started; i++) {
        const WorkshopNotice* notice = &board->notices[i];
        int status = factory->statuses[i];
        if (factory->ended[i] && WIFEXITED(status) && WEXITSTATUS(status) == 0)
            closed_well++;
        if (notice->state == WORKSHOP_FINISHED && notice->tally == notice->expected)
            exact++;
        if (notice->number_address != board->notices[0].number_address || notice->number != i + 1)
            same_address = false;
        if (used < (int)sizeof values - 8)
            used += snprintf(values + used, sizeof values - (size_t)used, "%s%ld", i ? ", " : "",
                             notice->number);
    }
    int wanted = factory->settings->workshops;
    summary_check(summary, closed_well == wanted && !factory->timed_out,
                  "every workshop closed normally: %d of %d", closed_well, wanted);
    summary_check(summary, exact == wanted, "every tally board is exact (%ld each): %d of %d",
                  board->notices[0].expected, exact, wanted);
    summary_check(summary, same_address, "g_workshop_number is at %p everywhere, holding %s",
                  (void*)board->notices[0].number_address, values);
    summary_note(summary, "one address, a value per workshop: each has its own page tables");
}

static void check_trespasser(Summary* summary, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    int status = factory->trespasser_status;
    bool stopped = WIFSIGNALED(status) && board->trespasser_stage == 2;
    summary_check(summary, stopped, "the kernel stopped the trespasser (%s), the factory went on",
                  WIFSIGNALED(status) ? platform_signal_name(WTERMSIG(status)) : "not stopped");
    if (board->trespasser_stage >= 1)
        summary_check(summary, board->trespasser_found != board->notices[0].number,
                      "at W1's address it found %ld, its own memory, not W1's %ld",
                      board->trespasser_found, board->notices[0].number);
}

static void check_shared(Summary* summary, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    summary_check(summary, board->dock_most_in_use <= board->bays,
                  "the dock never held more than its %d bays (most: %d)", board->bays,
                  board->dock_most_in_use);
    long expected = (long)board->workshops * board->workers * board->rounds;
    long by_workshops = 0;
    for (int i = 0; i < board->workshops; i++)
        by_workshops += board->shipped_by[i];
    summary_check(summary, board->crates_shipped == expected && by_workshops == expected,
                  "every crate was shipped through the dock: %ld of %ld", board->crates_shipped,
                  expected);
}

static void note_power(Summary* summary, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    int64_t total = 0;
    long switches = 0;
    for (int i = 0; i < factory->started; i++) {
        total += board->notices[i].cpu_ns;
        switches = board->notices[i].context_switches < 0 || switches < 0
                       ? -1
                       : switches + board->notices[i].context_switches;
    }
    if (total <= 0)
        total = 1;
    summary_note(summary, "the power (CPU) per workshop, as the system accounted for it:");
    for (int i = 0; i < factory->started; i++) {
        const WorkshopNotice* notice = &board->notices[i];
        char count[24] = "n/a";
        if (notice->context_switches >= 0)
            snprintf(count, sizeof count, "%ld", notice->context_switches);
        summary_note(summary, "  W%d  %6lld ms of CPU  %3lld%%   %6s switches   notes read %ld",
                     i + 1, (long long)(notice->cpu_ns / NANOSECONDS_PER_MILLISECOND),
                     (long long)(notice->cpu_ns * 100 / total), count, notice->notes_read);
    }
    summary_note(summary, "switches: %s", platform_context_switches_source());
    if (switches >= 0)
        summary_note(summary, "%ld switches in all; the workers saw the power move between",
                     switches);
    else
        summary_note(summary, "the workers saw the power move between");
    summary_note(summary, "workshops %ld times", board->power_moves);
    int cpus = platform_cpu_count();
    if (cpus == 1) {
        summary_note(summary, "one CPU: one worker of one workshop worked at any instant");
    } else {
        summary_note(summary, "%d CPUs: up to %d workshops had power at the same time, so the",
                     cpus, cpus);
        summary_note(summary, "workers also saw it 'move' between workshops working side by side");
    }
}

static void add_figures(Summary* summary, const Factory* factory) {
    const NoticeBoard* board = factory->board;
    summary_figure(summary, "workshops", board->workshops);
    summary_figure(summary, "workers", board->workers);
    summary_figure(summary, "rounds", board->rounds);
    summary_figure(summary, "bays", board->bays);
    summary_figure(summary, "dock_most", board->dock_most_in_use);
    summary_figure(summary, "crates", board->crates_shipped);
    summary_figure(summary, "power_moves", board->power_moves);
    int status = factory->trespasser_status;
    summary_figure(summary, "trespasser_signal",
                   factory->trespasser_pid && WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    for (int i = 0; i < factory->started; i++) {
        char key[32];
        snprintf(key, sizeof key, "w%d_tally", i + 1);
        summary_figure(summary, key, board->notices[i].tally);
        snprintf(key, sizeof key, "w%d_number", i + 1);
        summary_figure(summary, key, board->notices[i].number);
        snprintf(key, sizeof key, "w%d_cpu_ms", i + 1);
        summary_figure(summary, key, board->notices[i].cpu_ns / NANOSECONDS_PER_MILLISECOND);
        snprintf(key, sizeof key, "w%d_switches", i + 1);
        summary_figure(summary, key, board->notices[i].context_switches);
    }
}

int summarize_factory(Factory* factory) {
    Summary summary;
    summary_begin(&summary, "workshop", "the factory: workshops (processes), workers (threads)");
    check_workshops(&summary, factory);
    if (factory->trespasser_pid)
        check_trespasser(&summary, factory);
    check_shared(&summary, factory);
    note_power(&summary, factory);
    add_figures(&summary, factory);
    return summary_end(&summary);
}
