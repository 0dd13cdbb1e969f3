// Host tests of the console's text screen model: what the grid, the cursor and the colours look
// like after a byte stream has gone through the ANSI parser and been applied.
#include "kernel/console/text_screen.h"
#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace {

using console::Cell;
using console::Colour;
using console::TextScreen;

constexpr int COLUMNS = TextScreen::COLUMNS;
constexpr int ROWS = TextScreen::ROWS;

struct Terminal {
    console::AnsiParser parser;
    TextScreen screen;

    void write(const std::string& bytes) {
        for (char byte : bytes)
            screen.apply(parser.feed(static_cast<uint8_t>(byte)));
    }
    // The characters of a row, without trailing spaces.
    std::string row(int row) const {
        std::string text;
        for (int column = 0; column < COLUMNS; ++column) {
            uint16_t character = screen.cell(column, row).character;
            text += character < 0x80 ? static_cast<char>(character) : '#';
        }
        return text.erase(text.find_last_not_of(' ') + 1);
    }
    const Cell& cell(int column, int row) const { return screen.cell(column, row); }
    void expect_cursor(int column, int row) const {
        EXPECT_EQ(screen.cursor_column(), column);
        EXPECT_EQ(screen.cursor_row(), row);
    }
};

class TextScreenTest : public ::testing::Test {
protected:
    std::unique_ptr<Terminal> terminal = std::make_unique<Terminal>();
    Terminal& t = *terminal;
};

TEST_F(TextScreenTest, StartsBlankWithDefaultColours) {
    for (int row = 0; row < ROWS; ++row)
        EXPECT_EQ(t.row(row), "");
    EXPECT_EQ(t.cell(5, 5).foreground, Colour::White);
    EXPECT_EQ(t.cell(5, 5).background, Colour::Black);
    t.expect_cursor(0, 0);
    EXPECT_TRUE(t.screen.cursor_visible());
}

TEST_F(TextScreenTest, PlainTextAndNewlines) {
    t.write("hello\nworld");
    EXPECT_EQ(t.row(0), "hello");
    EXPECT_EQ(t.row(1), "world");
    t.expect_cursor(5, 1);
}

TEST_F(TextScreenTest, CarriageReturnAndBackspaceOverwrite) {
    t.write("abcdef\rXY\b\bZ");
    EXPECT_EQ(t.row(0), "ZYcdef");
    t.expect_cursor(1, 0);
    t.write("\b\b\b");
    t.expect_cursor(0, 0); // backspace stops at the left margin
}

TEST_F(TextScreenTest, TabsStopEveryEightColumnsAndNotPastTheEdge) {
    t.write("a\tb\tc");
    EXPECT_EQ(t.row(0), "a       b       c");
    t.write("\x1b[1;75H\t\t");
    t.expect_cursor(COLUMNS - 1, 0);
}

TEST_F(TextScreenTest, WrapsAfterColumnEighty) {
    t.write(std::string(COLUMNS, 'x'));
    t.expect_cursor(COLUMNS - 1, 0); // the wrap waits for the next character
    t.write("y");
    EXPECT_EQ(t.row(0), std::string(COLUMNS, 'x'));
    EXPECT_EQ(t.row(1), "y");
    t.expect_cursor(1, 1);
}

TEST_F(TextScreenTest, FullLineFollowedByNewlineLeavesNoEmptyLine) {
    t.write(std::string(COLUMNS, 'x') + "\nnext");
    EXPECT_EQ(t.row(1), "next");
}

TEST_F(TextScreenTest, ScrollsWhenTheCursorPassesTheLastLine) {
    for (int line = 0; line < ROWS + 3; ++line)
        t.write("line " + std::to_string(line) + "\n");
    EXPECT_EQ(t.row(0), "line 4");
    EXPECT_EQ(t.row(ROWS - 2), "line 27");
    EXPECT_EQ(t.row(ROWS - 1), "");
    t.expect_cursor(0, ROWS - 1);
}

TEST_F(TextScreenTest, WrapAtTheBottomScrolls) {
    t.write("\x1b[25;1H" + std::string(COLUMNS, 'a') + "b");
    EXPECT_EQ(t.row(ROWS - 2), std::string(COLUMNS, 'a'));
    EXPECT_EQ(t.row(ROWS - 1), "b");
}

TEST_F(TextScreenTest, ForegroundAndBackgroundColours) {
    t.write("\x1b[31mr\x1b[42mg\x1b[39mx\x1b[49my\x1b[94;103mz");
    EXPECT_EQ(t.cell(0, 0).foreground, Colour::Red);
    EXPECT_EQ(t.cell(0, 0).background, Colour::Black);
    EXPECT_EQ(t.cell(1, 0).foreground, Colour::Red);
    EXPECT_EQ(t.cell(1, 0).background, Colour::Green);
    EXPECT_EQ(t.cell(2, 0).foreground, Colour::White);
    EXPECT_EQ(t.cell(2, 0).background, Colour::Green);
    EXPECT_EQ(t.cell(3, 0).background, Colour::Black);
    EXPECT_EQ(t.cell(4, 0).foreground, Colour::BrightBlue);
    EXPECT_EQ(t.cell(4, 0).background, Colour::BrightYellow);
}

TEST_F(TextScreenTest, BoldMeansBrightAndResetRestoresDefaults) {
    t.write("\x1b[1;32ma\x1b[22mb\x1b[1mc\x1b[0md\x1b[1;31m\x1b[me");
    EXPECT_EQ(t.cell(0, 0).foreground, Colour::BrightGreen);
    EXPECT_EQ(t.cell(1, 0).foreground, Colour::Green);
    EXPECT_EQ(t.cell(2, 0).foreground, Colour::BrightGreen);
    EXPECT_EQ(t.cell(3, 0).foreground, Colour::White);
    EXPECT_EQ(t.cell(4, 0).foreground, Colour::White); // "ESC [ m" resets too
}

TEST_F(TextScreenTest, BoldDefaultForegroundIsBrightWhite) {
    t.write("\x1b[1mB");
    EXPECT_EQ(t.cell(0, 0).foreground, Colour::BrightWhite);
}

TEST_F(TextScreenTest, ReverseSwapsColours) {
    t.write("\x1b[34;47;7mr\x1b[27mn");
    EXPECT_EQ(t.cell(0, 0).foreground, Colour::White);
    EXPECT_EQ(t.cell(0, 0).background, Colour::Blue);
    EXPECT_EQ(t.cell(1, 0).foreground, Colour::Blue);
    EXPECT_EQ(t.cell(1, 0).background, Colour::White);
}

TEST_F(TextScreenTest, UnsupportedAttributesAreIgnoredNotMisread) {
    // 4 (underline) is ignored; 38;5;208 must not be read as 5 (blink) and 208.
    t.write("\x1b[4;31;38;5;208;44mx\x1b[38;5;2my\x1b[38;2;1;2;3;1mz");
    EXPECT_EQ(t.cell(0, 0).foreground, Colour::Red);
    EXPECT_EQ(t.cell(0, 0).background, Colour::Blue);
    EXPECT_EQ(t.cell(1, 0).foreground, Colour::Green);       // palette colours 0-15 are ours
    EXPECT_EQ(t.cell(2, 0).foreground, Colour::BrightGreen); // RGB skipped, then bold
}

TEST_F(TextScreenTest, CursorPositionIsOneBasedAndClamped) {
    t.write("\x1b[3;5HA");
    EXPECT_EQ(t.cell(4, 2).character, 'A');
    t.write("\x1b[HB");
    EXPECT_EQ(t.cell(0, 0).character, 'B');
    t.write("\x1b[0;0fC");
    EXPECT_EQ(t.cell(0, 0).character, 'C');
    t.write("\x1b[999;999H");
    t.expect_cursor(COLUMNS - 1, ROWS - 1);
    t.write("\x1b[7H");
    t.expect_cursor(0, 6);
}

TEST_F(TextScreenTest, RelativeCursorMovesAreClamped) {
    t.write("\x1b[10;10H\x1b[2A");
    t.expect_cursor(9, 7);
    t.write("\x1b[B");
    t.expect_cursor(9, 8);
    t.write("\x1b[3C");
    t.expect_cursor(12, 8);
    t.write("\x1b[0D");
    t.expect_cursor(11, 8);
    t.write("\x1b[100A\x1b[100D");
    t.expect_cursor(0, 0);
    t.write("\x1b[100B\x1b[100C");
    t.expect_cursor(COLUMNS - 1, ROWS - 1);
    t.write("\x1b[5G\x1b[3d");
    t.expect_cursor(4, 2);
}

TEST_F(TextScreenTest, MovingTheCursorCancelsAPendingWrap) {
    t.write(std::string(COLUMNS, 'x') + "\x1b[D" + "y");
    EXPECT_EQ(t.cell(COLUMNS - 2, 0).character, 'y');
    EXPECT_EQ(t.row(1), "");
}

void fill(Terminal& t) {
    for (int row = 0; row < ROWS; ++row)
        t.write("\x1b[" + std::to_string(row + 1) + ";1H" + std::string(COLUMNS, '#'));
    t.write("\x1b[3;5H");
}

TEST_F(TextScreenTest, EraseInDisplayVariants) {
    fill(t);
    t.write("\x1b[J");
    EXPECT_EQ(t.row(1), std::string(COLUMNS, '#'));
    EXPECT_EQ(t.row(2), "####");
    EXPECT_EQ(t.row(3), "");
    t.expect_cursor(4, 2); // erasing does not move the cursor

    fill(t);
    t.write("\x1b[1J");
    EXPECT_EQ(t.row(1), "");
    EXPECT_EQ(t.row(2), "     " + std::string(COLUMNS - 5, '#'));
    EXPECT_EQ(t.row(3), std::string(COLUMNS, '#'));

    fill(t);
    t.write("\x1b[2J");
    for (int row = 0; row < ROWS; ++row)
        EXPECT_EQ(t.row(row), "");
    t.expect_cursor(4, 2);
}

TEST_F(TextScreenTest, EraseInLineVariants) {
    fill(t);
    t.write("\x1b[K");
    EXPECT_EQ(t.row(2), "####");
    t.write("\x1b[1K");
    EXPECT_EQ(t.row(2), "");
    EXPECT_EQ(t.row(1), std::string(COLUMNS, '#'));

    fill(t);
    t.write("\x1b[1K");
    EXPECT_EQ(t.row(2), "     " + std::string(COLUMNS - 5, '#'));
    t.write("\x1b[2K");
    EXPECT_EQ(t.row(2), "");
    EXPECT_EQ(t.row(3), std::string(COLUMNS, '#'));
}

TEST_F(TextScreenTest, EraseFillsWithTheCurrentBackground) {
    t.write("\x1b[44m\x1b[2K\x1b[0m");
    EXPECT_EQ(t.cell(40, 0).background, Colour::Blue);
    EXPECT_EQ(t.cell(40, 1).background, Colour::Black);
}

TEST_F(TextScreenTest, SaveAndRestoreCursor) {
    t.write("\x1b[5;6H\x1b[33m\x1b"
            "7\x1b[1;1H\x1b[0mX\x1b"
            "8Y");
    EXPECT_EQ(t.cell(5, 4).character, 'Y');
    EXPECT_EQ(t.cell(5, 4).foreground, Colour::Yellow);
    t.write("\x1b[2;2H\x1b[s\x1b[20;20H\x1b[uZ");
    EXPECT_EQ(t.cell(1, 1).character, 'Z');
}

TEST_F(TextScreenTest, HideAndShowCursor) {
    t.write("\x1b[?25l");
    EXPECT_FALSE(t.screen.cursor_visible());
    t.write("\x1b[?25h");
    EXPECT_TRUE(t.screen.cursor_visible());
    t.write("\x1b[25l\x1b[?7l"); // not private, or another mode: no effect
    EXPECT_TRUE(t.screen.cursor_visible());
}

TEST_F(TextScreenTest, SplitSequencesBehaveLikeWholeOnes) {
    Terminal whole;
    std::string bytes = "ab\x1b[2;3H\x1b[1;35mcd\x1b[Ke\x1b[4D\x1b[0mf";
    whole.write(bytes);
    for (char byte : bytes)
        t.write(std::string(1, byte));
    for (int row = 0; row < ROWS; ++row) {
        for (int column = 0; column < COLUMNS; ++column)
            ASSERT_EQ(t.cell(column, row), whole.cell(column, row));
    }
    EXPECT_EQ(t.row(1), " fcde");
}

TEST_F(TextScreenTest, UnknownAndMalformedSequencesLeaveNoTrace) {
    t.write("a\x1b[5zb\x1b[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17mc\x1b[2$kd\x1b(Be\x1b]0;t\x07"
            "f\x1bZg");
    EXPECT_EQ(t.row(0), "abcdefg");
    EXPECT_EQ(t.cell(2, 0).foreground, Colour::White);
}

TEST_F(TextScreenTest, ResetClearsEverything) {
    t.write("\x1b[31;44mtext\x1b[?25l\x1b"
            "c");
    EXPECT_EQ(t.row(0), "");
    t.expect_cursor(0, 0);
    EXPECT_TRUE(t.screen.cursor_visible());
    t.write("x");
    EXPECT_EQ(t.cell(0, 0).foreground, Colour::White);
}

TEST_F(TextScreenTest, CharactersOutsideTheBasicPlaneBecomeReplacementCharacters) {
    t.write("\xe2\x94\x80\xf0\x9f\x98\x80");
    EXPECT_EQ(t.cell(0, 0).character, 0x2500);
    EXPECT_EQ(t.cell(1, 0).character, 0xFFFD);
}

TEST_F(TextScreenTest, DamageCoversExactlyTheChangedCells) {
    for (int row = 0; row < ROWS; ++row)
        EXPECT_TRUE(t.screen.row_damaged(row)); // a new screen must be painted whole
    t.screen.clear_damage();
    t.write("\x1b[3;10Habc\x1b[5;2Hx");
    EXPECT_FALSE(t.screen.row_damaged(0));
    ASSERT_TRUE(t.screen.row_damaged(2));
    EXPECT_EQ(t.screen.damage_first_column(2), 9);
    EXPECT_EQ(t.screen.damage_last_column(2), 11);
    EXPECT_EQ(t.screen.damage_first_column(4), 1);
    EXPECT_EQ(t.screen.damage_last_column(4), 1);
    t.screen.clear_damage();
    t.write("\x1b[25;1H\n");
    for (int row = 0; row < ROWS; ++row) {
        EXPECT_EQ(t.screen.damage_first_column(row), 0);
        EXPECT_EQ(t.screen.damage_last_column(row), COLUMNS - 1);
    }
}

} // namespace
