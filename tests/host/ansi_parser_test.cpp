// Host tests of the console's ANSI parser: which actions a byte stream turns into, including
// sequences split across writes, malformed and overlong ones, and UTF-8.
#include "kernel/console/ansi_parser.h"
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

using console::AnsiAction;
using console::AnsiParser;
using Kind = AnsiAction::Kind;

std::vector<AnsiAction> parse(AnsiParser& parser, const std::string& bytes) {
    std::vector<AnsiAction> actions;
    for (char byte : bytes) {
        AnsiAction action = parser.feed(static_cast<uint8_t>(byte));
        if (action.kind != Kind::None)
            actions.push_back(action);
    }
    return actions;
}

std::vector<AnsiAction> parse(const std::string& bytes) {
    AnsiParser parser;
    return parse(parser, bytes);
}

// The printed characters of a list of actions, as a string (non-ASCII as '#').
std::string printed(const std::vector<AnsiAction>& actions) {
    std::string text;
    for (const AnsiAction& action : actions) {
        if (action.kind == Kind::Print)
            text += action.character < 0x80 ? static_cast<char>(action.character) : '#';
    }
    return text;
}

TEST(AnsiParser, PlainTextPrintsEachCharacter) {
    auto actions = parse("Hi!");
    ASSERT_EQ(actions.size(), 3u);
    EXPECT_EQ(actions[0].kind, Kind::Print);
    EXPECT_EQ(actions[0].character, static_cast<uint32_t>('H'));
    EXPECT_EQ(printed(actions), "Hi!");
}

TEST(AnsiParser, ControlCharactersAreReported) {
    auto actions = parse("a\r\n\b\t");
    ASSERT_EQ(actions.size(), 5u);
    EXPECT_EQ(actions[1].kind, Kind::Control);
    EXPECT_EQ(actions[1].character, static_cast<uint32_t>('\r'));
    EXPECT_EQ(actions[2].character, static_cast<uint32_t>('\n'));
    EXPECT_EQ(actions[3].character, static_cast<uint32_t>('\b'));
    EXPECT_EQ(actions[4].character, static_cast<uint32_t>('\t'));
}

TEST(AnsiParser, ControlSequenceWithParameters) {
    auto actions = parse("\x1b[1;31mX");
    ASSERT_EQ(actions.size(), 2u);
    EXPECT_EQ(actions[0].kind, Kind::ControlSequence);
    EXPECT_EQ(actions[0].character, static_cast<uint32_t>('m'));
    ASSERT_EQ(actions[0].parameter_count, 2);
    EXPECT_EQ(actions[0].parameter(0), 1);
    EXPECT_EQ(actions[0].parameter(1), 31);
    EXPECT_EQ(actions[0].parameter(2), 0); // past the end reads as 0
    EXPECT_EQ(printed(actions), "X");
}

TEST(AnsiParser, EmptyParametersAreZero) {
    auto none = parse("\x1b[H");
    ASSERT_EQ(none.size(), 1u);
    EXPECT_EQ(none[0].parameter_count, 0);

    auto empty_first = parse("\x1b[;5H");
    ASSERT_EQ(empty_first.size(), 1u);
    ASSERT_EQ(empty_first[0].parameter_count, 2);
    EXPECT_EQ(empty_first[0].parameter(0), 0);
    EXPECT_EQ(empty_first[0].parameter(1), 5);

    auto empty_last = parse("\x1b[3;H");
    ASSERT_EQ(empty_last.size(), 1u);
    EXPECT_EQ(empty_last[0].parameter_count, 2);
}

TEST(AnsiParser, PrivateMarker) {
    auto actions = parse("\x1b[?25l");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0].private_marker, '?');
    EXPECT_EQ(actions[0].parameter(0), 25);
    EXPECT_EQ(actions[0].character, static_cast<uint32_t>('l'));
}

TEST(AnsiParser, EscapeSequences) {
    auto actions = parse("\x1b"
                         "7a\x1b"
                         "8");
    ASSERT_EQ(actions.size(), 3u);
    EXPECT_EQ(actions[0].kind, Kind::Escape);
    EXPECT_EQ(actions[0].character, static_cast<uint32_t>('7'));
    EXPECT_EQ(actions[1].kind, Kind::Print);
    EXPECT_EQ(actions[2].kind, Kind::Escape);
    EXPECT_EQ(actions[2].character, static_cast<uint32_t>('8'));
}

TEST(AnsiParser, CharacterSetSelectionIsOneEscapeWithIntermediate) {
    auto actions = parse("\x1b(Bok");
    ASSERT_EQ(actions.size(), 3u);
    EXPECT_EQ(actions[0].kind, Kind::Escape);
    EXPECT_EQ(actions[0].intermediate, '(');
    EXPECT_EQ(printed(actions), "ok");
}

TEST(AnsiParser, SequenceSplitByteByByteAcrossWrites) {
    AnsiParser parser;
    std::vector<AnsiAction> actions;
    for (const char* piece : {"\x1b", "[", "3", "8", ";", "5", ";", "2", "0", "8", "m", "Z"}) {
        auto part = parse(parser, piece);
        actions.insert(actions.end(), part.begin(), part.end());
        if (std::string(piece) != "m" && std::string(piece) != "Z") {
            EXPECT_TRUE(parser.in_sequence());
        }
    }
    ASSERT_EQ(actions.size(), 2u);
    EXPECT_EQ(actions[0].kind, Kind::ControlSequence);
    ASSERT_EQ(actions[0].parameter_count, 3);
    EXPECT_EQ(actions[0].parameter(2), 208);
    EXPECT_FALSE(parser.in_sequence());
}

TEST(AnsiParser, OverlongParameterListIsDroppedWhole) {
    std::string sequence = "\x1b[";
    for (int i = 0; i < 40; ++i)
        sequence += "1;";
    sequence += "31mafter";
    AnsiParser parser;
    auto actions = parse(parser, sequence);
    EXPECT_EQ(printed(actions), "after");
    for (const AnsiAction& action : actions)
        EXPECT_EQ(action.kind, Kind::Print);
    EXPECT_FALSE(parser.in_sequence());
}

TEST(AnsiParser, SixteenParametersAreStillAccepted) {
    std::string sequence = "\x1b[1";
    for (int i = 2; i <= 16; ++i)
        sequence += ";" + std::to_string(i);
    sequence += "m";
    auto actions = parse(sequence);
    ASSERT_EQ(actions.size(), 1u);
    ASSERT_EQ(actions[0].parameter_count, 16);
    EXPECT_EQ(actions[0].parameter(15), 16);
}

TEST(AnsiParser, HugeParameterValuesSaturate) {
    auto actions = parse("\x1b[99999999999999999999H");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0].parameter(0), AnsiAction::MAX_PARAMETER_VALUE);
}

TEST(AnsiParser, MalformedSequencesVanishWithoutGarbage) {
    // A marker in the middle, ':' sub-parameters, a digit after an intermediate, two markers.
    for (const char* bytes : {"\x1b[1?2hok", "\x1b[38:5:1mok", "\x1b[1 2qok", "\x1b[??1hok"}) {
        AnsiParser parser;
        auto actions = parse(parser, bytes);
        EXPECT_EQ(printed(actions), "ok") << "for " << bytes + 1;
        for (const AnsiAction& action : actions)
            EXPECT_EQ(action.kind, Kind::Print) << "for " << bytes + 1;
    }
}

TEST(AnsiParser, UnknownFinalIsStillOneSequence) {
    auto actions = parse("\x1b[5zok");
    ASSERT_EQ(actions.size(), 3u);
    EXPECT_EQ(actions[0].kind, Kind::ControlSequence);
    EXPECT_EQ(actions[0].character, static_cast<uint32_t>('z'));
    EXPECT_EQ(printed(actions), "ok");
}

TEST(AnsiParser, EscapeRestartsAnUnfinishedSequence) {
    auto actions = parse("\x1b[12\x1b[31mA");
    ASSERT_EQ(actions.size(), 2u);
    EXPECT_EQ(actions[0].parameter_count, 1);
    EXPECT_EQ(actions[0].parameter(0), 31);
}

TEST(AnsiParser, CancelAbandonsTheSequence) {
    AnsiParser parser;
    auto actions = parse(parser, "\x1b[12\x18"
                                 "5m");
    EXPECT_EQ(printed(actions), "5m");
    EXPECT_FALSE(parser.in_sequence());
}

TEST(AnsiParser, ControlCharacterInsideSequenceActsAndSequenceGoesOn) {
    auto actions = parse("\x1b[1\n;2H");
    ASSERT_EQ(actions.size(), 2u);
    EXPECT_EQ(actions[0].kind, Kind::Control);
    EXPECT_EQ(actions[1].kind, Kind::ControlSequence);
    EXPECT_EQ(actions[1].parameter(1), 2);
}

TEST(AnsiParser, OperatingSystemCommandIsSkipped) {
    EXPECT_EQ(printed(parse("\x1b]0;window title\x07ok")), "ok");
    EXPECT_EQ(printed(parse("\x1b]0;window title\x1b\\ok")), "ok");
}

TEST(AnsiParser, UnterminatedStringEndsAfterALimit) {
    AnsiParser parser;
    parse(parser, "\x1b]" + std::string(1000, 'x'));
    EXPECT_FALSE(parser.in_sequence());
    EXPECT_EQ(printed(parse(parser, "ok")), "ok");
}

TEST(AnsiParser, DeleteAndLoneCancelAreIgnored) {
    EXPECT_TRUE(parse("\x7f\x18\x1a").empty());
}

TEST(AnsiParser, Utf8IsDecoded) {
    auto actions = parse("\xc3\xa9\xe2\x94\x80\xf0\x9f\x98\x80");
    ASSERT_EQ(actions.size(), 3u);
    EXPECT_EQ(actions[0].character, 0xE9u);    // é
    EXPECT_EQ(actions[1].character, 0x2500u);  // ─
    EXPECT_EQ(actions[2].character, 0x1F600u); // an emoji, outside the BMP
}

TEST(AnsiParser, InvalidUtf8BecomesReplacementCharacters) {
    // A stray continuation byte, an invalid lead byte, an overlong '/' and a surrogate.
    for (const char* bytes : {"\x80", "\xff", "\xc0\xaf", "\xed\xa0\x80"}) {
        auto actions = parse(bytes);
        ASSERT_EQ(actions.size(), 1u) << "for byte " << (static_cast<unsigned char>(bytes[0]));
        EXPECT_EQ(actions[0].character, 0xFFFDu);
    }
}

TEST(AnsiParser, TruncatedUtf8IsDroppedAndTheNextByteRead) {
    auto actions = parse("\xe2\x94"
                         "a\xe2\x1b[mb");
    EXPECT_EQ(printed(actions), "ab");
    ASSERT_EQ(actions.size(), 3u);
    EXPECT_EQ(actions[1].kind, Kind::ControlSequence);
}

TEST(AnsiParser, HighByteInsideSequenceEndsIt) {
    auto actions = parse("\x1b[3\xc3\xa9");
    ASSERT_EQ(actions.size(), 1u);
    EXPECT_EQ(actions[0].character, 0xE9u);
}

} // namespace
