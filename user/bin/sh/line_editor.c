/* The line editor (see line_editor.h). The cursor is always at the end of the line: erasing a
 * character is "back, space, back" on the screen, which every terminal and the VGA console
 * understand. */
#include "line_editor.h"

enum {
    CONTROL_C = 0x03,
    CONTROL_D = 0x04,
    BACKSPACE = 0x08,
    CONTROL_U = 0x15,
    ESCAPE = 0x1B,
    DELETE = 0x7F,
};

/* Escape sequences: ESC [ parameters final-byte (CSI, most keys), ESC O byte (SS3, some
 * terminals' arrow and function keys), or ESC and one byte. */
enum { NOT_IN_ESCAPE, AFTER_ESCAPE, IN_CSI, IN_SS3 };

void line_editor_clear(struct LineEditor* editor) {
    editor->length = 0;
    editor->text[0] = '\0';
}

void line_editor_start(struct LineEditor* editor, void (*echo)(const char*, size_t)) {
    line_editor_clear(editor);
    editor->escape_state = NOT_IN_ESCAPE;
    editor->echo = echo;
}

static void erase_last(struct LineEditor* editor) {
    if (editor->length == 0)
        return;
    editor->text[--editor->length] = '\0';
    editor->echo("\b \b", 3);
}

/* Returns 1 while the byte belongs to an escape sequence (and is to be ignored). */
static int skip_escape(struct LineEditor* editor, char byte) {
    switch (editor->escape_state) {
    case AFTER_ESCAPE:
        editor->escape_state = byte == '[' ? IN_CSI : byte == 'O' ? IN_SS3 : NOT_IN_ESCAPE;
        return 1;
    case IN_CSI:
        if (byte >= 0x40 && byte <= 0x7E) /* the final byte ends it */
            editor->escape_state = NOT_IN_ESCAPE;
        return 1;
    case IN_SS3:
        editor->escape_state = NOT_IN_ESCAPE;
        return 1;
    default:
        if (byte != ESCAPE)
            return 0;
        editor->escape_state = AFTER_ESCAPE;
        return 1;
    }
}

static enum LineEvent take_control(struct LineEditor* editor, char byte) {
    switch (byte) {
    case '\n':
    case '\r':
        editor->echo("\n", 1);
        return LINE_FINISHED;
    case BACKSPACE:
    case DELETE:
        erase_last(editor);
        return LINE_GOING_ON;
    case CONTROL_U:
        while (editor->length > 0)
            erase_last(editor);
        return LINE_GOING_ON;
    case CONTROL_C:
        editor->echo("^C\n", 3);
        line_editor_clear(editor);
        return LINE_CANCELLED;
    case CONTROL_D:
        return editor->length == 0 ? LINE_END_OF_INPUT : LINE_GOING_ON;
    default:
        return LINE_GOING_ON; /* tabs and other control characters are not part of a line */
    }
}

enum LineEvent line_editor_take(struct LineEditor* editor, char byte) {
    if (skip_escape(editor, byte))
        return LINE_GOING_ON;
    unsigned char code = (unsigned char)byte;
    if (code < 0x20 || code == DELETE)
        return take_control(editor, byte);
    if (code >= 0x80 || editor->length + 1 >= LINE_CAPACITY)
        return LINE_GOING_ON; /* only ASCII; a full line takes no more */
    editor->text[editor->length++] = byte;
    editor->text[editor->length] = '\0';
    editor->echo(&byte, 1);
    return LINE_GOING_ON;
}
