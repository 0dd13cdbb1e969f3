// See vga_renderer.h.
#include "kernel/console/vga_renderer.h"

namespace console {
namespace {

using VgaColour = arch::vga_text::Colour;

static_assert(TextScreen::COLUMNS == arch::vga_text::COLUMNS);
static_assert(TextScreen::ROWS == arch::vga_text::ROWS);

// Indexed by the ANSI colour number.
constexpr VgaColour VGA_COLOURS[16] = {
    VgaColour::Black,     VgaColour::Red,          VgaColour::Green,      VgaColour::Brown,
    VgaColour::Blue,      VgaColour::Magenta,      VgaColour::Cyan,       VgaColour::LightGrey,
    VgaColour::DarkGrey,  VgaColour::LightRed,     VgaColour::LightGreen, VgaColour::Yellow,
    VgaColour::LightBlue, VgaColour::LightMagenta, VgaColour::LightCyan,  VgaColour::White,
};

// What the hardware cursor shows now, so that the CRT controller is only reprogrammed when the
// cursor really moved (port I/O is slow, and most writes leave it where it was).
struct HardwareCursor {
    int column = -1;
    int row = -1;
    bool visible = false;
    bool known = false;
};
HardwareCursor g_hardware_cursor;

void update_cursor(const TextScreen& screen) {
    HardwareCursor wanted{screen.cursor_column(), screen.cursor_row(), screen.cursor_visible(),
                          true};
    HardwareCursor& shown = g_hardware_cursor;
    if (!shown.known || wanted.visible != shown.visible) {
        arch::vga_text::set_cursor_visibility(wanted.visible
                                                  ? arch::vga_text::CursorVisibility::Shown
                                                  : arch::vga_text::CursorVisibility::Hidden);
    }
    if (!shown.known || wanted.column != shown.column || wanted.row != shown.row)
        arch::vga_text::move_cursor(wanted.column, wanted.row);
    shown = wanted;
}

} // namespace

VgaColour vga_colour(Colour colour) {
    return VGA_COLOURS[static_cast<uint8_t>(colour) & 0x0F];
}

void render_to_vga(TextScreen& screen) {
    for (int row = 0; row < TextScreen::ROWS; ++row) {
        if (!screen.row_damaged(row))
            continue;
        int last = screen.damage_last_column(row);
        for (int column = screen.damage_first_column(row); column <= last; ++column) {
            const Cell& cell = screen.cell(column, row);
            arch::vga_text::write_cell(column, row,
                                       {arch::vga_text::glyph_for(cell.character),
                                        vga_colour(cell.foreground), vga_colour(cell.background)});
        }
    }
    screen.clear_damage();
    update_cursor(screen);
}

} // namespace console
