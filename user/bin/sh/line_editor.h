/* The shell's line editor: turns the raw bytes typed on the console (the kernel neither echoes
 * nor edits, libk/abi/system_calls.h, read) into a line, and says what to echo. It makes no
 * system calls, so its logic can be run anywhere. */
#pragma once

#include <stddef.h>

#define LINE_CAPACITY 256 /* bytes in a line, NUL included */

enum LineEvent {
    LINE_GOING_ON,     /* the line is not finished yet */
    LINE_FINISHED,     /* Enter: the line is in `text` */
    LINE_CANCELLED,    /* Ctrl-C: the line was dropped */
    LINE_END_OF_INPUT, /* Ctrl-D on an empty line */
};

struct LineEditor {
    char text[LINE_CAPACITY]; /* the line so far, always NUL-terminated */
    size_t length;
    int escape_state; /* where we are in an escape sequence (arrow keys), which is skipped */
    /* Writes bytes to the screen: the typed characters and the erasing of them. */
    void (*echo)(const char* bytes, size_t count);
};

void line_editor_start(struct LineEditor* editor, void (*echo)(const char*, size_t));

/* Takes one typed byte. Printable characters are added and echoed; Backspace (0x7F or 0x08)
 * erases the last one; Ctrl-U (0x15) erases the line; Enter ('\n' or '\r') finishes it; Ctrl-C
 * (0x03) drops it; Ctrl-D (0x04) on an empty line ends the input. Other control characters and
 * escape sequences are ignored. */
enum LineEvent line_editor_take(struct LineEditor* editor, char byte);

/* Empties the line, to read the next one. */
void line_editor_clear(struct LineEditor* editor);
