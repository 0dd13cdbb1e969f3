// Live pictures drawn with ANSI escapes, redrawn in place. A frame is built in memory line by
// line and written at once, so the picture does not flicker. Only escapes that both a terminal
// and the kernel's VGA console understand are used: SGR colours, cursor home, clear screen,
// clear to end of line / of screen, hide and show the cursor. Pictures fit 80 x 25.
#pragma once

#define SCREEN_COLUMNS 80
#define SCREEN_MAX_LINES 24 // a 25th line would scroll the screen after its newline
#define SCREEN_BYTES 8192

// Colours (SGR). Every line starts plain; INK_RESET ends a coloured piece.
#define INK_RESET "\033[0m"
#define INK_BOLD "\033[1m"
#define INK_REVERSE "\033[7m"
#define INK_RED "\033[31m"
#define INK_GREEN "\033[32m"
#define INK_YELLOW "\033[33m"
#define INK_BLUE "\033[34m"
#define INK_MAGENTA "\033[35m"
#define INK_CYAN "\033[36m"
#define INK_WHITE "\033[37m"
#define INK_GREY "\033[1;30m" // bright black: grey on VGA and in most terminals

// Line and block characters, in UTF-8. A terminal shows them as they are; the kernel's console
// shows each with the VGA font's own glyph for it (code page 437 has them all), so the same
// bytes draw the same box on both. Each one takes one column.
#define LINE_HORIZONTAL "\u2500"     // ─
#define LINE_VERTICAL "\u2502"       // │
#define CORNER_TOP_LEFT "\u250C"     // ┌
#define CORNER_TOP_RIGHT "\u2510"    // ┐
#define CORNER_BOTTOM_LEFT "\u2514"  // └
#define CORNER_BOTTOM_RIGHT "\u2518" // ┘
#define BLOCK_FULL "\u2588"          // █
#define BLOCK_LIGHT "\u2591"         // ░
#define POINTER_RIGHT "\u25BA"       // ►

typedef struct Screen {
    char text[SCREEN_BYTES];
    int length;
    int lines;      // lines finished in this frame
    int frames;     // frames written so far; the first one clears the screen
    int line_width; // columns used on the current line (escapes not counted)
} Screen;

void screen_begin_frame(Screen* screen);
// Appends to the current line; text beyond column 79 is cut off. A UTF-8 character (a
// lead byte and its continuation bytes) takes one column.
void screen_print(Screen* screen, const char* format, ...) __attribute__((format(printf, 2, 3)));
// Appends `count` copies of one character, given as a string so that it may be a UTF-8 one
// (box edges: screen_repeat(screen, LINE_HORIZONTAL, 20)).
void screen_repeat(Screen* screen, const char* character, int count);
// Pads the current line with spaces up to a column.
void screen_pad_to(Screen* screen, int column);
void screen_end_line(Screen* screen);
// Ends the frame: clears whatever an earlier, longer frame left below, writes it out.
void screen_end_frame(Screen* screen);
// After the last frame: shows the cursor again and restores the colours.
void screen_close(Screen* screen);

// Appends a bar of `width` cells, `per_mille` of it full blocks, the rest light shade in grey.
// Ends with INK_RESET: a colour wanted after the bar must be set again.
void screen_bar(Screen* screen, int width, int per_mille);
