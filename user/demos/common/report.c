// Event lines and summaries (see report.h).

#include "report.h"

#include "timing.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

// Set once at start, before any worker exists; read by all.
static int64_t g_origin_ns;

void report_set_origin(int64_t origin_ns) {
    g_origin_ns = origin_ns;
}
int64_t report_origin(void) {
    return g_origin_ns;
}

void report_format_time(char* text, int size, int64_t when_ns) {
    int64_t milliseconds = (when_ns - g_origin_ns) / NANOSECONDS_PER_MILLISECOND;
    if (milliseconds < 0)
        milliseconds = 0;
    char full[48];
    snprintf(full, sizeof full, "%4lld.%03lld", (long long)(milliseconds / 1000),
             (long long)(milliseconds % 1000));
    int length = (int)strlen(full);
    if (length > size - 1)
        length = size - 1;
    memcpy(text, full, (size_t)length);
    text[length] = '\0';
}

void report_event(const char* format, ...) {
    char line[256];
    report_format_time(line, 16, now_ns());
    size_t used = strlen(line);
    line[used++] = ' ';
    line[used++] = ' ';
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(line + used, sizeof line - used - 1, format, arguments);
    va_end(arguments);
    used = strlen(line);
    line[used++] = '\n';
    line[used] = '\0';
    fputs(line, stdout);
    fflush(stdout);
}

void recent_events_add(RecentEvents* events, const char* text) {
    memmove(events->lines[1], events->lines[0], sizeof events->lines[0] * (RECENT_EVENT_COUNT - 1));
    char* line = events->lines[0];
    report_format_time(line, 16, now_ns());
    int used = (int)strlen(line);
    line[used++] = ' ';
    line[used++] = ' ';
    int length = (int)strlen(text);
    if (length > RECENT_EVENT_LENGTH - 1 - used) // cut long events to the picture's width
        length = RECENT_EVENT_LENGTH - 1 - used;
    memcpy(line + used, text, (size_t)length);
    line[used + length] = '\0';
}

void summary_begin(Summary* summary, const char* demo, const char* title) {
    memset(summary, 0, sizeof *summary);
    summary->demo = demo;
    char rule[128];
    int length = snprintf(rule, sizeof rule, "\n-- summary: %s ", title);
    while (length < 80 && length < (int)sizeof rule - 2)
        rule[length++] = '-';
    rule[length++] = '\n';
    rule[length] = '\0';
    fputs(rule, stdout);
}

void summary_check(Summary* summary, bool holds, const char* format, ...) {
    char text[256];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    summary->checks++;
    if (!holds)
        summary->failures++;
    printf("  %-8s%s\n", holds ? "ok" : "FAILED", text);
}

void summary_note(Summary* summary, const char* format, ...) {
    (void)summary;
    char text[256];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    printf("          %s\n", text);
}

void summary_figure(Summary* summary, const char* key, int64_t value) {
    int room = (int)sizeof summary->figures - summary->figures_length;
    int written = snprintf(summary->figures + summary->figures_length, (size_t)room, " %s=%lld",
                           key, (long long)value);
    if (written > 0 && written < room)
        summary->figures_length += written;
}

int summary_end(Summary* summary) {
    // The figures in lines that fit 80 columns, each starting with "figures:".
    const char* rest = summary->figures;
    while (*rest) {
        int length = (int)strlen(rest);
        if (length > 70) {
            length = 70;
            while (length > 0 && rest[length] != ' ')
                length--;
            if (length == 0)
                length = (int)strlen(rest);
        }
        printf("figures:%.*s\n", length, rest);
        rest += length;
    }
    if (summary->failures == 0)
        printf("PASS: %s\n", summary->demo);
    else
        printf("FAIL: %s (%d of %d checks failed)\n", summary->demo, summary->failures,
               summary->checks);
    fflush(stdout);
    return summary->failures == 0 ? 0 : 1;
}

void format_tenths(char* text, int size, int64_t tenths) {
    const char* sign = tenths < 0 ? "-" : "";
    if (tenths < 0)
        tenths = -tenths;
    snprintf(text, (size_t)size, "%s%lld.%lld", sign, (long long)(tenths / 10),
             (long long)(tenths % 10));
}

void format_ratio(char* text, int size, int64_t per_mille) {
    int64_t hundredths = (per_mille + 5) / 10;
    snprintf(text, (size_t)size, "%lld.%02lldx", (long long)(hundredths / 100),
             (long long)(hundredths % 100));
}
