// The VGA text screen: 80x25 cells in video memory, each a character of the card's built-in
// font (code page 437) and a colour attribute, plus the blinking hardware cursor. A minimal
// driver: the console (kernel/console/) decides what goes where and calls these to show it.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arch::vga_text {

constexpr int COLUMNS = 80;
constexpr int ROWS = 25;
// Where the text buffer lives in physical memory (colour text modes).
constexpr uintptr_t BUFFER_PHYSICAL_ADDRESS = 0xB8000;

// The colours in the VGA's own numbering (bit 0 blue, bit 1 green, bit 2 red, bit 3 bright),
// which is not the ANSI order.
enum class Colour : uint8_t {
    Black,
    Blue,
    Green,
    Cyan,
    Red,
    Magenta,
    Brown,
    LightGrey,
    DarkGrey,
    LightBlue,
    LightGreen,
    LightCyan,
    LightRed,
    LightMagenta,
    Yellow,
    White,
};

struct Cell {
    uint8_t glyph; // code page 437
    Colour foreground;
    Colour background;
};

enum class CursorVisibility { Hidden, Shown };

struct CursorPosition {
    int column;
    int row;
};

// Takes the text buffer at the virtual address where the kernel mapped BUFFER_PHYSICAL_ADDRESS,
// turns attribute bit 7 into "bright background" instead of "blink" (so all 16 background
// colours exist), and clears the screen. Before this, the other calls do nothing.
void initialize(void* mapped_buffer);

// Cells outside the screen are ignored.
void write_cell(int column, int row, Cell cell);
Cell read_cell(int column, int row);
void clear(Colour background);

void move_cursor(int column, int row);
void set_cursor_visibility(CursorVisibility visibility);
// Read back from the CRT controller (what the hardware really shows; used by tests).
CursorPosition cursor_position();
CursorVisibility cursor_visibility();

// The glyph of the VGA font that shows a Unicode code point: ASCII as is, the accented letters,
// box-drawing and block characters that code page 437 has, a few look-alikes (arrows, bullet,
// check mark, rounded corners), and '?' for everything else.
uint8_t glyph_for(uint32_t code_point);

} // namespace arch::vga_text
