// SGR, "ESC [ n ; n ... m": how the console picks colours. Part of TextScreen (text_screen.h),
// in a file of its own because the parameter list is a small language of its own.
//
//   0 reset   1 bold (bright colours)   22 not bold   7 reverse   27 not reverse
//   30-37 foreground   39 default foreground   40-47 background   49 default background
//   90-97 bright foreground   100-107 bright background
//   38;5;n and 48;5;n: palette colour n (0-15 are used, others ignored); 38;2;r;g;b skipped
#include "kernel/console/text_screen.h"

namespace console {
namespace {

Colour colour_number(int number) {
    return static_cast<Colour>(number);
}

// 38 and 48 take extra parameters: "5;n" (a 256-colour palette index) or "2;r;g;b". Palette
// colours 0-15 are the sixteen colours of this screen and are stored in `target`; the others
// cannot be shown and are ignored. Returns how many extra parameters to skip, or -1 when the
// form is unknown (the rest of the list is then dropped: it cannot be told apart from
// ordinary parameters).
int extended_colour(const AnsiAction& action, size_t index, Colour& target) {
    if (action.parameter(index + 1) == 5 && index + 2 < action.parameter_count) {
        int palette_index = action.parameter(index + 2);
        if (palette_index < 16)
            target = colour_number(palette_index);
        return 2;
    }
    if (action.parameter(index + 1) == 2 && index + 4 < action.parameter_count)
        return 4;
    return -1;
}

} // namespace

void TextScreen::select_graphic_rendition(const AnsiAction& action) {
    if (action.parameter_count == 0) {
        m_style = Style{}; // "ESC [ m" is "ESC [ 0 m"
        return;
    }
    for (size_t index = 0; index < action.parameter_count; ++index) {
        int code = action.parameters[index];
        if (code == 0) {
            m_style = Style{};
        } else if (code == 1) {
            m_style.bold = true;
        } else if (code == 22) {
            m_style.bold = false;
        } else if (code == 7) {
            m_style.reverse = true;
        } else if (code == 27) {
            m_style.reverse = false;
        } else if (code >= 30 && code <= 37) {
            m_style.foreground = colour_number(code - 30);
        } else if (code == 39) {
            m_style.foreground = DEFAULT_FOREGROUND;
        } else if (code >= 40 && code <= 47) {
            m_style.background = colour_number(code - 40);
        } else if (code == 49) {
            m_style.background = DEFAULT_BACKGROUND;
        } else if (code >= 90 && code <= 97) {
            m_style.foreground = colour_number(code - 90 + 8);
        } else if (code >= 100 && code <= 107) {
            m_style.background = colour_number(code - 100 + 8);
        } else if (code == 38 || code == 48) {
            Colour& target = code == 38 ? m_style.foreground : m_style.background;
            int skipped = extended_colour(action, index, target);
            if (skipped < 0)
                return;
            index += skipped;
        }
        // Anything else (italic, underline, blink, ...) has no VGA rendering: ignored.
    }
}

} // namespace console
