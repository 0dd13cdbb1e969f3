// Kernel tests of the console on real (emulated) hardware: after printing escape sequences, the
// VGA text buffer at 0xB8000 and the CRT controller's cursor hold what a terminal would show.
#include "arch/vga_text.h"
#include "kernel/console/console.h"
#include "kernel/testing/kernel_test.h"

namespace {

using arch::vga_text::Colour;

constexpr const char* COLOUR_NAMES[8] = {"black", "red",     "green", "yellow",
                                         "blue",  "magenta", "cyan",  "white"};
// What ANSI colours 0-7 and 8-15 must become in VGA numbering.
constexpr Colour NORMAL[8] = {Colour::Black, Colour::Red,     Colour::Green, Colour::Brown,
                              Colour::Blue,  Colour::Magenta, Colour::Cyan,  Colour::LightGrey};
constexpr Colour BRIGHT[8] = {Colour::DarkGrey,  Colour::LightRed,  Colour::LightGreen,
                              Colour::Yellow,    Colour::LightBlue, Colour::LightMagenta,
                              Colour::LightCyan, Colour::White};
constexpr int LABEL_WIDTH = 10;
constexpr int SAMPLE_WIDTH = 8;

// Moves to a row (1-based, as in the escape sequence) and erases it.
void start_row(int row, const char* label) {
    console::print("\x1b[%d;1H\x1b[2K\x1b[0m%-*s", row, LABEL_WIDTH, label);
}

} // namespace

// A macro, so that a failure names the line of the check.
#define EXPECT_CELL(column, row, expected_glyph, expected_foreground, expected_background)         \
    do {                                                                                           \
        arch::vga_text::Cell actual = arch::vga_text::read_cell(column, row);                      \
        EXPECT_EQ(actual.glyph, static_cast<uint8_t>(expected_glyph));                             \
        EXPECT_EQ(actual.foreground, expected_foreground);                                         \
        EXPECT_EQ(actual.background, expected_background);                                         \
    } while (0)

// Draws the sixteen colours as text and as backgrounds (a screenshot of this test shows the
// palette) and checks that every ANSI colour became the right VGA attribute.
KERNEL_TEST(console_colours_reach_vga_memory) {
    start_row(5, "normal");
    for (int n = 0; n < 8; ++n)
        console::print("\x1b[3%dm%-*s", n, SAMPLE_WIDTH, COLOUR_NAMES[n]);
    start_row(6, "bright");
    for (int n = 0; n < 8; ++n)
        console::print("\x1b[9%dm%-*s", n, SAMPLE_WIDTH, COLOUR_NAMES[n]);
    start_row(7, "bold");
    for (int n = 0; n < 8; ++n)
        console::print("\x1b[1;3%dm%-*s\x1b[22m", n, SAMPLE_WIDTH, COLOUR_NAMES[n]);
    start_row(8, "background");
    for (int n = 0; n < 8; ++n)
        console::print("\x1b[4%dm%*s\x1b[49m  ", n, SAMPLE_WIDTH - 2, "");
    start_row(9, "bright bg");
    for (int n = 0; n < 8; ++n)
        console::print("\x1b[10%dm%*s\x1b[49m  ", n, SAMPLE_WIDTH - 2, "");
    console::print("\x1b[0m\n");

    for (int n = 0; n < 8; ++n) {
        int column = LABEL_WIDTH + n * SAMPLE_WIDTH;
        EXPECT_CELL(column, 4, COLOUR_NAMES[n][0], NORMAL[n], Colour::Black);
        EXPECT_CELL(column, 5, COLOUR_NAMES[n][0], BRIGHT[n], Colour::Black);
        EXPECT_CELL(column, 6, COLOUR_NAMES[n][0], BRIGHT[n], Colour::Black);
        EXPECT_CELL(column, 7, ' ', Colour::LightGrey, NORMAL[n]);
        EXPECT_CELL(column, 8, ' ', Colour::LightGrey, BRIGHT[n]);
        EXPECT_CELL(column + SAMPLE_WIDTH - 1, 7, ' ', Colour::LightGrey, Colour::Black);
    }
    EXPECT_CELL(0, 4, 'n', Colour::LightGrey, Colour::Black); // the label, after a reset
}

KERNEL_TEST(console_reverse_erase_and_boxes) {
    console::print("\x1b[3;1H\x1b[2K\x1b[34;7mreverse\x1b[0m \xe2\x94\x8c\xe2\x94\x80\xe2\x94\x90"
                   " \xe2\x9c\x93\n");
    EXPECT_CELL(0, 2, 'r', Colour::Black, Colour::Blue);
    EXPECT_CELL(7, 2, ' ', Colour::LightGrey, Colour::Black);
    EXPECT_CELL(8, 2, 0xDA, Colour::LightGrey, Colour::Black);  // ┌ in code page 437
    EXPECT_CELL(9, 2, 0xC4, Colour::LightGrey, Colour::Black);  // ─
    EXPECT_CELL(10, 2, 0xBF, Colour::LightGrey, Colour::Black); // ┐
    EXPECT_CELL(12, 2, 0xFB, Colour::LightGrey, Colour::Black); // ✓ shown as √

    console::print("\x1b[4;1Hsome text\x1b[4;5H\x1b[41m\x1b[K\x1b[0m\n");
    EXPECT_CELL(3, 3, 'e', Colour::LightGrey, Colour::Black);
    for (int column = 4; column < arch::vga_text::COLUMNS; ++column)
        EXPECT_CELL(column, 3, ' ', Colour::LightGrey, Colour::Red);
}

KERNEL_TEST(console_cursor_follows_output) {
    console::print("\x1b[12;34H");
    arch::vga_text::CursorPosition position = arch::vga_text::cursor_position();
    EXPECT_EQ(position.column, 33);
    EXPECT_EQ(position.row, 11);
    console::print("abc");
    EXPECT_EQ(arch::vga_text::cursor_position().column, 36);

    console::print("\x1b[?25l");
    EXPECT(arch::vga_text::cursor_visibility() == arch::vga_text::CursorVisibility::Hidden);
    console::print("\x1b[?25h");
    EXPECT(arch::vga_text::cursor_visibility() == arch::vga_text::CursorVisibility::Shown);
    console::print("\n");
    EXPECT_EQ(arch::vga_text::cursor_position().column, 0);
    EXPECT_EQ(arch::vga_text::cursor_position().row, 12);
}

KERNEL_TEST(console_scrolls_at_the_bottom) {
    constexpr int LINES = 30;
    for (int line = 0; line < LINES; ++line)
        console::print("\x1b[3%dmscroll line %02d\x1b[0m\n", line % 7 + 1, line);
    // The last line printed sits just above the cursor's (empty) bottom row.
    constexpr int LAST_ROW = arch::vga_text::ROWS - 2;
    const char* expected[] = {"scroll line 29", "scroll line 28"};
    for (int index = 0; index < 2; ++index) {
        for (int column = 0; expected[index][column] != '\0'; ++column) {
            EXPECT_CELL(column, LAST_ROW - index, expected[index][column],
                        NORMAL[(LINES - 1 - index) % 7 + 1], Colour::Black);
        }
    }
    EXPECT_CELL(0, LAST_ROW + 1, ' ', Colour::LightGrey, Colour::Black);
    EXPECT_EQ(arch::vga_text::cursor_position().row, LAST_ROW + 1);
}
