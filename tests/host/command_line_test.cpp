// Host tests of the kernel command-line parser (CommandLine, the pure part of command_line.h).
#include "kernel/boot_info/command_line.h"
#include <gtest/gtest.h>
#include <string>

using command_line::CommandLine;
using command_line::Fit;
using command_line::Lookup;
using command_line::NumberStatus;

namespace {

CommandLine make(const char* text) {
    CommandLine line;
    line.set(text);
    return line;
}

std::string value(const CommandLine& line, const char* key) {
    char buffer[64];
    Lookup lookup = line.find(key, buffer, sizeof buffer);
    if (lookup == Lookup::Missing)
        return "<missing>";
    if (lookup == Lookup::TooLong)
        return "<too long>";
    return buffer;
}

TEST(CommandLine, FindsValuesOfKeys) {
    CommandLine line = make("test=timer_rate hz=250 run=restroom --workers 6");
    EXPECT_EQ(value(line, "test"), "timer_rate");
    EXPECT_EQ(value(line, "hz"), "250");
    EXPECT_EQ(value(line, "run"), "restroom");
    EXPECT_EQ(value(line, "workers"), "<missing>");
    EXPECT_STREQ(line.text(), "test=timer_rate hz=250 run=restroom --workers 6");
}

TEST(CommandLine, KeysMatchWholeWordsOnly) {
    CommandLine line = make("xtest=a testing=b te=c");
    EXPECT_EQ(value(line, "test"), "<missing>"); // neither inside a word nor a longer key
    EXPECT_EQ(value(line, "te"), "c");
    EXPECT_EQ(value(line, "testing"), "b");
}

TEST(CommandLine, BareFlagsAreNotKeys) {
    CommandLine line = make("quiet debug=1");
    EXPECT_EQ(value(line, "quiet"), "<missing>");
    EXPECT_EQ(value(line, "debug"), "1");
}

TEST(CommandLine, EmptyValuesAndRepeatedKeys) {
    CommandLine line = make("name= name=second mode=a mode=b");
    EXPECT_EQ(value(line, "name"), "");  // present, empty
    EXPECT_EQ(value(line, "mode"), "a"); // the first occurrence wins
}

TEST(CommandLine, ExtraSpacesAreHarmless) {
    CommandLine line = make("   hz=100    test=x   ");
    EXPECT_EQ(value(line, "hz"), "100");
    EXPECT_EQ(value(line, "test"), "x");
    EXPECT_EQ(value(make(""), "test"), "<missing>");
    EXPECT_EQ(value(make("     "), "test"), "<missing>");
}

TEST(CommandLine, ValueAfterTheFirstEqualsSignKeepsTheRest) {
    EXPECT_EQ(value(make("path=a=b"), "path"), "a=b");
}

TEST(CommandLine, ValueThatDoesNotFitIsNotCutButRefused) {
    CommandLine line = make("name=abcdefgh next=1");
    char small[8] = "#######";
    EXPECT_EQ(line.find("name", small, sizeof small), Lookup::TooLong); // one character short
    EXPECT_STREQ(small, "#######");                                     // nothing written
    char exact[9];
    EXPECT_EQ(line.find("name", exact, sizeof exact), Lookup::Found);
    EXPECT_STREQ(exact, "abcdefgh");
    char untouched = '#';
    EXPECT_EQ(line.find("name", &untouched, 0), Lookup::Found); // size 0: presence only
    EXPECT_EQ(untouched, '#');
    EXPECT_EQ(line.find("other", &untouched, 0), Lookup::Missing);
}

TEST(CommandLine, TheLastValueOfALineCutShortIsRefused) {
    // bench=a,b,c... cut inside its list would quietly run fewer benchmarks.
    std::string text = "hz=250 bench=" + std::string(CommandLine::MAXIMUM_LENGTH, 'x');
    CommandLine line = make(text.c_str());
    char value[CommandLine::MAXIMUM_LENGTH + 1];
    EXPECT_EQ(line.find("bench", value, sizeof value), Lookup::TooLong);
    EXPECT_EQ(line.find("hz", value, sizeof value), Lookup::Found); // whole: before the cut
    EXPECT_STREQ(value, "250");
    // The same through append(): the emulator's words come after GRUB's.
    CommandLine appended = make("hz=250");
    EXPECT_EQ(appended.append(text.c_str() + 7), Fit::CutShort);
    EXPECT_EQ(appended.find("bench", value, sizeof value), Lookup::TooLong);
    // A line that fits exactly keeps its last value.
    std::string exact = "bench=" + std::string(CommandLine::MAXIMUM_LENGTH - 6, 'y');
    EXPECT_EQ(line.set(exact.c_str()), Fit::Whole);
    EXPECT_EQ(line.find("bench", value, sizeof value), Lookup::Found);
    EXPECT_EQ(std::string(value), exact.substr(6));
}

TEST(CommandLine, LongTextIsCutAndSaysSo) {
    std::string exact(CommandLine::MAXIMUM_LENGTH, 'a');
    CommandLine line;
    EXPECT_EQ(line.set(exact.c_str()), Fit::Whole);
    EXPECT_EQ(std::string(line.text()), exact);
    std::string longer = exact + "b";
    EXPECT_EQ(line.set(longer.c_str()), Fit::CutShort);
    EXPECT_EQ(std::string(line.text()), exact);
}

TEST(CommandLine, SetReplacesTheOldText) {
    CommandLine line = make("hz=100");
    line.set("test=x");
    EXPECT_EQ(value(line, "hz"), "<missing>");
}

TEST(CommandLine, AppendedWordsComeAfterASpace) {
    CommandLine line = make("hz=100");
    EXPECT_EQ(line.append("test=x quantum=4"), Fit::Whole);
    EXPECT_EQ(std::string(line.text()), "hz=100 test=x quantum=4");
    EXPECT_EQ(value(line, "test"), "x");
    EXPECT_EQ(line.append(""), Fit::Whole);
    EXPECT_EQ(std::string(line.text()), "hz=100 test=x quantum=4");
    CommandLine empty = make("");
    EXPECT_EQ(empty.append("test=y"), Fit::Whole);
    EXPECT_EQ(std::string(empty.text()), "test=y");
}

TEST(CommandLine, AppendedWordsThatDoNotFitAreCutAndSaySo) {
    std::string almost(CommandLine::MAXIMUM_LENGTH - 3, 'a');
    CommandLine line = make(almost.c_str());
    EXPECT_EQ(line.append("bc"), Fit::Whole);
    EXPECT_EQ(std::string(line.text()), almost + " bc");
    EXPECT_EQ(line.append("d"), Fit::CutShort);
    EXPECT_EQ(std::string(line.text()).size(), CommandLine::MAXIMUM_LENGTH);
    CommandLine cut = make(almost.c_str());
    EXPECT_EQ(cut.append("xyz"), Fit::CutShort);
    EXPECT_EQ(std::string(cut.text()), almost + " xy");
}

TEST(CommandLine, Numbers) {
    CommandLine line = make("hz=250 zero=0 max=4294967295 lead=007");
    auto number = [&](const char* key, uint32_t minimum, uint32_t maximum) {
        return line.number(key, minimum, maximum);
    };
    EXPECT_EQ(number("hz", 1, 1000).status, NumberStatus::Found);
    EXPECT_EQ(number("hz", 1, 1000).value, 250u);
    EXPECT_EQ(number("hz", 250, 250).value, 250u); // both bounds are inclusive
    EXPECT_EQ(number("zero", 0, 10).value, 0u);
    EXPECT_EQ(number("max", 0, UINT32_MAX).value, UINT32_MAX);
    EXPECT_EQ(number("lead", 0, 10).value, 7u);
    EXPECT_EQ(number("absent", 0, 10).status, NumberStatus::Missing);
}

TEST(CommandLine, InvalidNumbers) {
    CommandLine line = make("empty= sign=-5 plus=+5 hex=0x10 word=abc mixed=12ab big=4294967296 "
                            "huge=99999999999999999999999 low=3");
    for (const char* key : {"empty", "sign", "plus", "hex", "word", "mixed"})
        EXPECT_EQ(line.number(key, 0, UINT32_MAX).status, NumberStatus::Invalid) << key;
    EXPECT_EQ(line.number("big", 0, UINT32_MAX).status, NumberStatus::Invalid);
    EXPECT_EQ(line.number("huge", 0, UINT32_MAX).status, NumberStatus::Invalid);
    EXPECT_EQ(line.number("low", 4, 10).status, NumberStatus::Invalid);
    EXPECT_EQ(line.number("low", 0, 2).status, NumberStatus::Invalid);
}

TEST(CommandLine, LongNumbersAreReadWhole) {
    // Leading zeros beyond any copy buffer must not turn a value into a different one.
    CommandLine line = make("hz=0000000000000000000000000100 tiny=00000000000000000000000000000");
    EXPECT_EQ(line.number("hz", 1, 1000).value, 100u);
    EXPECT_EQ(line.number("tiny", 0, 10).value, 0u);
    EXPECT_EQ(line.number("tiny", 1, 10).status, NumberStatus::Invalid);
}

} // namespace
