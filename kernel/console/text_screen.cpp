// See text_screen.h. The behaviour follows what common terminals (xterm, the Linux console) do
// with the same bytes, because the serial side of the console is shown by such a terminal and
// both must look alike: '\n' starts a new line (the serial side sends "\r\n"), the cursor wraps
// lazily at the right margin, erasing fills with the current background colour.
#include "kernel/console/text_screen.h"

namespace console {
namespace {

constexpr uint32_t LARGEST_CELL_CHARACTER = 0xFFFF;
constexpr uint32_t REPLACEMENT_CHARACTER = 0xFFFD;

int clamp(int value, int low, int high) {
    return value < low ? low : value > high ? high : value;
}

// Cursor movement counts: a missing or zero count means 1.
int count_of(const AnsiAction& action, size_t index) {
    int count = action.parameter(index);
    return count == 0 ? 1 : count;
}

} // namespace

// Field by field rather than "*this = TextScreen()", which would build an 8 KiB temporary on
// the kernel stack.
void TextScreen::reset() {
    for (auto& row : m_cells) {
        for (Cell& cell : row)
            cell = Cell{};
    }
    for (DamagedColumns& row : m_damage)
        row = DamagedColumns{};
    m_cursor_column = 0;
    m_cursor_row = 0;
    m_wrap_pending = false;
    m_cursor_visible = true;
    m_style = Style{};
    m_saved = SavedCursor{};
}

void TextScreen::clear_damage() {
    for (DamagedColumns& row : m_damage)
        row = DamagedColumns{COLUMNS, 0};
}

void TextScreen::damage(int row, int first_column, int last_column) {
    DamagedColumns& damaged = m_damage[row];
    if (first_column < damaged.first)
        damaged.first = static_cast<uint8_t>(first_column);
    if (last_column > damaged.last)
        damaged.last = static_cast<uint8_t>(last_column);
}

void TextScreen::apply(const AnsiAction& action) {
    switch (action.kind) {
    case AnsiAction::Kind::None:
        break;
    case AnsiAction::Kind::Print:
        print(action.character);
        break;
    case AnsiAction::Kind::Control:
        control(action.character);
        break;
    case AnsiAction::Kind::Escape:
        escape(action);
        break;
    case AnsiAction::Kind::ControlSequence:
        control_sequence(action);
        break;
    }
}

Cell TextScreen::styled(uint32_t character, const Style& style) {
    Cell cell;
    cell.character = static_cast<uint16_t>(character);
    cell.foreground = style.foreground;
    cell.background = style.background;
    if (style.bold && cell.foreground < Colour::BrightBlack)
        cell.foreground = static_cast<Colour>(static_cast<uint8_t>(cell.foreground) + 8);
    if (style.reverse) {
        Colour foreground = cell.foreground;
        cell.foreground = cell.background;
        cell.background = foreground;
    }
    return cell;
}

// What erasing and scrolling leave behind: spaces in the current background colour (the
// foreground still matters, it is the colour of the hardware cursor over the cell).
Cell TextScreen::blank() const {
    Style unreversed = m_style;
    unreversed.reverse = false;
    return styled(' ', unreversed);
}

void TextScreen::print(uint32_t character) {
    if (character > LARGEST_CELL_CHARACTER)
        character = REPLACEMENT_CHARACTER;
    if (m_wrap_pending) {
        m_wrap_pending = false;
        m_cursor_column = 0;
        line_feed();
    }
    m_cells[m_cursor_row][m_cursor_column] = styled(character, m_style);
    damage(m_cursor_row, m_cursor_column, m_cursor_column);
    if (m_cursor_column == COLUMNS - 1)
        m_wrap_pending = true;
    else
        m_cursor_column++;
}

void TextScreen::control(uint32_t character) {
    switch (character) {
    case '\n':
        m_cursor_column = 0;
        line_feed();
        break;
    case '\v': // vertical tab and form feed move down like a line feed, without the return
    case '\f':
        line_feed();
        break;
    case '\r':
        m_cursor_column = 0;
        break;
    case '\b':
        if (m_cursor_column > 0)
            m_cursor_column--;
        break;
    case '\t':
        m_cursor_column = clamp((m_cursor_column / TAB_WIDTH + 1) * TAB_WIDTH, 0, COLUMNS - 1);
        break;
    default:
        return; // BEL and the rest: nothing to show, and the pending wrap stays
    }
    m_wrap_pending = false;
}

void TextScreen::line_feed() {
    if (m_cursor_row == ROWS - 1)
        scroll_up();
    else
        m_cursor_row++;
}

void TextScreen::scroll_up() {
    for (int row = 0; row < ROWS - 1; ++row) {
        for (int column = 0; column < COLUMNS; ++column)
            m_cells[row][column] = m_cells[row + 1][column];
    }
    Cell empty = blank();
    for (int column = 0; column < COLUMNS; ++column)
        m_cells[ROWS - 1][column] = empty;
    for (int row = 0; row < ROWS; ++row)
        damage(row, 0, COLUMNS - 1);
}

void TextScreen::move_cursor_to(int column, int row) {
    m_cursor_column = clamp(column, 0, COLUMNS - 1);
    m_cursor_row = clamp(row, 0, ROWS - 1);
    m_wrap_pending = false;
}

void TextScreen::save_cursor() {
    m_saved = SavedCursor{m_cursor_column, m_cursor_row, m_style};
}

void TextScreen::restore_cursor() {
    move_cursor_to(m_saved.column, m_saved.row);
    m_style = m_saved.style;
}

void TextScreen::escape(const AnsiAction& action) {
    if (action.intermediate != 0)
        return; // character set selection and the like: nothing to do on this screen
    switch (action.character) {
    case '7':
        save_cursor();
        break;
    case '8':
        restore_cursor();
        break;
    case 'c':
        reset();
        break;
    default:
        break;
    }
}

void TextScreen::control_sequence(const AnsiAction& action) {
    if (action.intermediate != 0)
        return;
    if (action.private_marker == '?') {
        // DEC private modes: only 25, the cursor's visibility.
        bool set = action.character == 'h';
        if ((set || action.character == 'l') && action.parameter(0) == 25)
            m_cursor_visible = set;
        return;
    }
    if (action.private_marker != 0 || move_cursor(action))
        return;
    switch (action.character) {
    case 'J':
        erase_in_display(action.parameter(0));
        break;
    case 'K':
        erase_in_line(action.parameter(0));
        break;
    case 'm':
        select_graphic_rendition(action);
        break;
    case 's':
        save_cursor();
        break;
    case 'u':
        restore_cursor();
        break;
    default:
        break; // a sequence this screen does not implement: ignored
    }
}

// The cursor movement sequences; false if `action` is none of them. Counts default to 1 and
// positions are 1-based; the cursor stops at the edges.
bool TextScreen::move_cursor(const AnsiAction& action) {
    switch (action.character) {
    case 'A': // up
        move_cursor_to(m_cursor_column, m_cursor_row - count_of(action, 0));
        return true;
    case 'B': // down
        move_cursor_to(m_cursor_column, m_cursor_row + count_of(action, 0));
        return true;
    case 'C': // forward
        move_cursor_to(m_cursor_column + count_of(action, 0), m_cursor_row);
        return true;
    case 'D': // back
        move_cursor_to(m_cursor_column - count_of(action, 0), m_cursor_row);
        return true;
    case 'G': // to a column
        move_cursor_to(count_of(action, 0) - 1, m_cursor_row);
        return true;
    case 'd': // to a row
        move_cursor_to(m_cursor_column, count_of(action, 0) - 1);
        return true;
    case 'H': // to row ; column
    case 'f':
        move_cursor_to(count_of(action, 1) - 1, count_of(action, 0) - 1);
        return true;
    default:
        return false;
    }
}

void TextScreen::erase(int row, int first_column, int last_column) {
    Cell empty = blank();
    for (int column = first_column; column <= last_column; ++column)
        m_cells[row][column] = empty;
    damage(row, first_column, last_column);
}

// ED: 0 erases from the cursor to the end of the screen, 1 from the start to the cursor, 2 all.
// The cursor does not move.
void TextScreen::erase_in_display(int mode) {
    if (mode == 0) {
        erase(m_cursor_row, m_cursor_column, COLUMNS - 1);
        for (int row = m_cursor_row + 1; row < ROWS; ++row)
            erase(row, 0, COLUMNS - 1);
    } else if (mode == 1) {
        for (int row = 0; row < m_cursor_row; ++row)
            erase(row, 0, COLUMNS - 1);
        erase(m_cursor_row, 0, m_cursor_column);
    } else if (mode == 2) {
        for (int row = 0; row < ROWS; ++row)
            erase(row, 0, COLUMNS - 1);
    }
}

// EL: 0 erases from the cursor to the end of the line, 1 from its start to the cursor, 2 all.
void TextScreen::erase_in_line(int mode) {
    if (mode == 0)
        erase(m_cursor_row, m_cursor_column, COLUMNS - 1);
    else if (mode == 1)
        erase(m_cursor_row, 0, m_cursor_column);
    else if (mode == 2)
        erase(m_cursor_row, 0, COLUMNS - 1);
}

} // namespace console
