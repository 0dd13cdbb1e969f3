// Building and writing ANSI frames (see screen.h).

#include "screen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void append_raw(Screen* screen, const char* text, int length) {
    int room = SCREEN_BYTES - 1 - screen->length;
    if (length > room)
        length = room;
    memcpy(screen->text + screen->length, text, (size_t)length);
    screen->length += length;
    screen->text[screen->length] = '\0';
}

void screen_begin_frame(Screen* screen) {
    screen->length = 0;
    screen->lines = 0;
    screen->line_width = 0;
    // The first frame clears the screen and hides the cursor; later ones only go home.
    const char* start = screen->frames == 0 ? "\033[?25l\033[2J\033[H" : "\033[H";
    append_raw(screen, start, (int)strlen(start));
}

// A byte that continues a UTF-8 character (10xxxxxx): it takes no column of its own.
static bool continues_character(char byte) {
    return ((unsigned char)byte & 0xC0) == 0x80;
}

// Copies text, counting columns and dropping characters past the last column (a UTF-8
// character whole, never a part of one), but always keeping escape sequences so colours stay
// balanced.
static void append_visible(Screen* screen, const char* text) {
    bool keeping = false; // whether the character being copied fits
    for (const char* p = text; *p;) {
        if (*p == '\033') {
            const char* end = p + 1;
            if (*end == '[')
                end++;
            while (*end && !((*end >= 'A' && *end <= 'Z') || (*end >= 'a' && *end <= 'z')))
                end++;
            if (*end)
                end++;
            append_raw(screen, p, (int)(end - p));
            p = end;
            continue;
        }
        if (!continues_character(*p)) {
            keeping = screen->lines < SCREEN_MAX_LINES && screen->line_width < SCREEN_COLUMNS - 1;
            if (keeping)
                screen->line_width++;
        }
        if (keeping)
            append_raw(screen, p, 1);
        p++;
    }
}

void screen_print(Screen* screen, const char* format, ...) {
    char piece[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(piece, sizeof piece, format, arguments);
    va_end(arguments);
    append_visible(screen, piece);
}

void screen_repeat(Screen* screen, const char* character, int count) {
    char piece[SCREEN_COLUMNS * 4 + 1]; // a UTF-8 character takes up to 4 bytes
    int length = (int)strlen(character);
    if (count > SCREEN_COLUMNS)
        count = SCREEN_COLUMNS;
    if (length < 1 || length > 4 || count < 0)
        count = 0;
    for (int i = 0; i < count; i++)
        memcpy(piece + i * length, character, (size_t)length);
    piece[count * length] = '\0';
    append_visible(screen, piece);
}

void screen_pad_to(Screen* screen, int column) {
    screen_repeat(screen, " ", column - screen->line_width);
}

void screen_end_line(Screen* screen) {
    if (screen->lines >= SCREEN_MAX_LINES)
        return;
    append_raw(screen, INK_RESET "\033[K\n", (int)strlen(INK_RESET "\033[K\n"));
    screen->lines++;
    screen->line_width = 0;
}

void screen_end_frame(Screen* screen) {
    if (screen->line_width > 0)
        screen_end_line(screen);
    append_raw(screen, "\033[J", 3);
    fputs(screen->text, stdout);
    fflush(stdout);
    screen->frames++;
}

void screen_close(Screen* screen) {
    (void)screen;
    fputs(INK_RESET "\033[?25h", stdout);
    fflush(stdout);
}

void screen_bar(Screen* screen, int width, int per_mille) {
    if (per_mille < 0)
        per_mille = 0;
    if (per_mille > 1000)
        per_mille = 1000;
    int filled = (width * per_mille + 500) / 1000;
    screen_repeat(screen, BLOCK_FULL, filled);
    screen_print(screen, INK_GREY);
    screen_repeat(screen, BLOCK_LIGHT, width - filled);
    screen_print(screen, INK_RESET);
}
