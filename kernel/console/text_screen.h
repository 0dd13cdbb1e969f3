// The meaning half of the console's ANSI support: an 80x25 grid of character cells with a
// cursor and a current colour, changed by the actions AnsiParser produces (print a character,
// move the cursor, erase, select colours, scroll). Pure logic, no hardware: the VGA renderer
// copies it to the screen, and the host tests inspect it directly.
#pragma once

#include "kernel/console/ansi_parser.h"

namespace console {

// The sixteen colours in ANSI order (SGR 30 + n is colour n, SGR 90 + n is colour 8 + n).
// The VGA hardware numbers its colours differently; the renderer translates.
enum class Colour : uint8_t {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White, // shown as light grey; BrightWhite is the real white
    BrightBlack,
    BrightRed,
    BrightGreen,
    BrightYellow,
    BrightBlue,
    BrightMagenta,
    BrightCyan,
    BrightWhite,
};

constexpr Colour DEFAULT_FOREGROUND = Colour::White;
constexpr Colour DEFAULT_BACKGROUND = Colour::Black;

struct Cell {
    uint16_t character = ' '; // Unicode code point (the Basic Multilingual Plane is enough)
    Colour foreground = DEFAULT_FOREGROUND;
    Colour background = DEFAULT_BACKGROUND;

    bool operator==(const Cell&) const = default;
};

class TextScreen {
public:
    static constexpr int COLUMNS = 80;
    static constexpr int ROWS = 25;
    static constexpr int TAB_WIDTH = 8;

    // A new screen is blank, in the default colours, with every cell damaged so that the first
    // render paints all of it. Constant-initialized: a global TextScreen needs no constructor.
    constexpr TextScreen() = default;

    // Blank screen in the default colours, cursor visible at the top left (also ESC c).
    void reset();
    void apply(const AnsiAction& action);

    const Cell& cell(int column, int row) const { return m_cells[row][column]; }
    int cursor_column() const { return m_cursor_column; }
    int cursor_row() const { return m_cursor_row; }
    bool cursor_visible() const { return m_cursor_visible; }

    // Which cells changed since the last clear_damage(): per row, the columns first..last
    // (first > last when the row is unchanged). The renderer redraws only these.
    bool row_damaged(int row) const { return m_damage[row].first <= m_damage[row].last; }
    int damage_first_column(int row) const { return m_damage[row].first; }
    int damage_last_column(int row) const { return m_damage[row].last; }
    void clear_damage();

private:
    // The current graphic rendition (SGR), applied to every character printed from now on.
    struct Style {
        Colour foreground = DEFAULT_FOREGROUND;
        Colour background = DEFAULT_BACKGROUND;
        bool bold = false;    // shown as the bright variant of colours 0-7
        bool reverse = false; // foreground and background swapped
    };
    struct SavedCursor {
        int column = 0;
        int row = 0;
        Style style;
    };
    struct DamagedColumns {
        uint8_t first = 0;
        uint8_t last = COLUMNS - 1;
    };

    void print(uint32_t character);
    void control(uint32_t character);
    void escape(const AnsiAction& action);
    void control_sequence(const AnsiAction& action);
    bool move_cursor(const AnsiAction& action);
    void select_graphic_rendition(const AnsiAction& action);
    void erase_in_display(int mode);
    void erase_in_line(int mode);
    void erase(int row, int first_column, int last_column);
    void line_feed();
    void scroll_up();
    void move_cursor_to(int column, int row);
    void save_cursor();
    void restore_cursor();
    void damage(int row, int first_column, int last_column);
    static Cell styled(uint32_t character, const Style& style);
    Cell blank() const;

    Cell m_cells[ROWS][COLUMNS];
    DamagedColumns m_damage[ROWS];
    int m_cursor_column = 0;
    int m_cursor_row = 0;
    // Set after printing in the last column: the cursor stays there, and the next printed
    // character goes to the start of the next line. That is what terminals do, so a line of
    // exactly 80 characters followed by "\n" does not leave an empty line.
    bool m_wrap_pending = false;
    bool m_cursor_visible = true;
    Style m_style;
    SavedCursor m_saved;
};

} // namespace console
