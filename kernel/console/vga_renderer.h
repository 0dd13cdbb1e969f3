// Shows a TextScreen on the VGA text hardware: copies the cells that changed since the last
// call into video memory (translating colours and characters to what the VGA understands) and
// moves the hardware cursor. The console calls it after each write.
#pragma once

#include "arch/vga_text.h"
#include "kernel/console/text_screen.h"

namespace console {

// The VGA's colour for an ANSI colour (their numbering differs: ANSI 1 is red, VGA 1 is blue).
arch::vga_text::Colour vga_colour(Colour colour);

// Draws the damaged cells of `screen`, then clears its damage.
void render_to_vga(TextScreen& screen);

} // namespace console
