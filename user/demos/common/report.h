// What a demo tells its reader: in --plain mode one timestamped line per event, and at the end
// a summary that checks the demo's own invariants, lists its figures and says PASS or FAIL.
// The summary's last lines have a fixed form that tests/host-demos/run.sh reads:
//   figures: key=value key=value ...   (as many such lines as needed)
//   PASS: demo        or        FAIL: demo (N of M checks failed)
#pragma once

#include <stdbool.h>
#include <stdint.h>

// Timestamps of events count from this moment (now_ns() at the start of the demo).
void report_set_origin(int64_t origin_ns);
int64_t report_origin(void);

// One line "   1.234  text" on stdout, written and flushed at once so that lines from several
// threads and processes never mix.
void report_event(const char* format, ...) __attribute__((format(printf, 1, 2)));

// Formats seconds.milliseconds elapsed since the origin ("   1.234") into text.
void report_format_time(char* text, int size, int64_t when_ns);

// The latest few events, newest first, each "   1.234  text" cut to the picture's width; the
// pictures show them under the drawing. Not locked: the owner holds its own lock around it.
#define RECENT_EVENT_COUNT 4
#define RECENT_EVENT_LENGTH 72

typedef struct RecentEvents {
    char lines[RECENT_EVENT_COUNT][RECENT_EVENT_LENGTH];
} RecentEvents;

void recent_events_add(RecentEvents* events, const char* text);

typedef struct Summary {
    const char* demo;
    int checks;
    int failures;
    char figures[1024];
    int figures_length;
} Summary;

void summary_begin(Summary* summary, const char* demo, const char* title);
// One invariant: "  ok      text" or "  FAILED  text". Texts up to 69 characters keep the
// summary within 80 columns.
void summary_check(Summary* summary, bool holds, const char* format, ...)
    __attribute__((format(printf, 3, 4)));
// A line of explanation or measurement that is not a check.
void summary_note(Summary* summary, const char* format, ...) __attribute__((format(printf, 2, 3)));
// A number for the machine-readable "figures:" lines.
void summary_figure(Summary* summary, const char* key, int64_t value);
// Prints the figures and the verdict; returns the exit status (0 on PASS, 1 on FAIL).
int summary_end(Summary* summary);

// Fixed-point helpers for the summaries: "12.3" from tenths, "1.25x" from per-mille.
void format_tenths(char* text, int size, int64_t tenths);
void format_ratio(char* text, int size, int64_t per_mille);
