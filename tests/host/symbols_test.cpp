// Host tests of the kernel's symbol-table parser (kernel/debug/symbol_table.cpp): the text comes
// from a boot module, so it is fed here with well-formed, unsorted and broken input.
#include "kernel/debug/symbol_table.h"
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

// A table with its own storage, sized for the test.
class TestTable {
public:
    explicit TestTable(size_t capacity = 64, size_t names_size = 4096)
        : m_symbols(capacity), m_names(names_size),
          m_table(m_symbols.data(), capacity, m_names.data(), names_size) {}

    debug::SymbolLoadReport load(const std::string& text) {
        // A copy that ends exactly at the text, so a read past `length` is caught by ASan.
        std::vector<char> bytes(text.begin(), text.end());
        return m_table.load(bytes.data(), bytes.size());
    }
    // The name at `address`, or "(none)".
    std::string name_at(uintptr_t address) const {
        debug::SymbolLocation location = m_table.find(address);
        return location.name ? location.name : "(none)";
    }
    uint32_t offset_at(uintptr_t address) const { return m_table.find(address).offset; }
    size_t count() const { return m_table.count(); }

private:
    std::vector<debug::Symbol> m_symbols;
    std::vector<char> m_names;
    debug::SymbolTable m_table;
};

// The whole literal, including any NUL byte inside it (std::string(const char*) stops there).
template <size_t N>
std::string all_bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

const char* const THREE_FUNCTIONS = "c0100000 00000010 first\n"
                                    "c0100020 00000008 second(int)\n"
                                    "c0100028 00000004 third\n";

TEST(SymbolTable, EmptyInputFindsNothing) {
    TestTable table;
    debug::SymbolLoadReport report = table.load("");
    EXPECT_EQ(report.loaded, 0u);
    EXPECT_EQ(report.malformed, 0u);
    EXPECT_EQ(table.name_at(0xc0100000), "(none)");
    EXPECT_EQ(table.name_at(0), "(none)");
}

TEST(SymbolTable, AddressesAtTheEdgesOfASymbol) {
    TestTable table;
    EXPECT_EQ(table.load(THREE_FUNCTIONS).loaded, 3u);
    EXPECT_EQ(table.name_at(0xc00fffff), "(none)"); // before the first symbol
    EXPECT_EQ(table.name_at(0xc0100000), "first");  // its first byte
    EXPECT_EQ(table.offset_at(0xc0100000), 0u);
    EXPECT_EQ(table.name_at(0xc010000f), "first"); // its last byte
    EXPECT_EQ(table.offset_at(0xc010000f), 0xfu);
    EXPECT_EQ(table.name_at(0xc0100010), "(none)"); // one past its size: the gap
    EXPECT_EQ(table.name_at(0xc010001f), "(none)");
    EXPECT_EQ(table.name_at(0xc0100020), "second(int)");
    EXPECT_EQ(table.name_at(0xc0100027), "second(int)");
    EXPECT_EQ(table.name_at(0xc0100028), "third"); // adjacent symbols: no gap
    EXPECT_EQ(table.name_at(0xc010002b), "third");
    EXPECT_EQ(table.name_at(0xc010002c), "(none)"); // past the last symbol
    EXPECT_EQ(table.name_at(0xffffffff), "(none)");
}

TEST(SymbolTable, NamesWithSpacesAndLineEndings) {
    TestTable table;
    debug::SymbolLoadReport report =
        table.load("c0100000 00000010 console::print(char const*, ...)\n"
                   "c0100010 10 (anonymous namespace)::stop()   \r\n" // trailing blanks, CRLF
                   "c0100020   00000010   spaced   fields\n"          // several spaces between
                   "C0100030 0000000A UPPER_CASE_HEX");               // no final newline
    EXPECT_EQ(report.loaded, 4u);
    EXPECT_EQ(report.malformed, 0u);
    EXPECT_EQ(table.name_at(0xc0100004), "console::print(char const*, ...)");
    EXPECT_EQ(table.name_at(0xc010001f), "(anonymous namespace)::stop()");
    EXPECT_EQ(table.name_at(0xc0100020), "spaced   fields");
    EXPECT_EQ(table.name_at(0xc0100039), "UPPER_CASE_HEX");
    EXPECT_EQ(table.name_at(0xc010003a), "(none)");
}

TEST(SymbolTable, UnsortedInputIsSorted) {
    TestTable table;
    debug::SymbolLoadReport report = table.load("c0100028 00000004 third\n"
                                                "c0100000 00000010 first\n"
                                                "c0100020 00000008 second(int)\n");
    EXPECT_FALSE(report.was_sorted);
    EXPECT_EQ(report.loaded, 3u);
    EXPECT_EQ(table.name_at(0xc0100001), "first");
    EXPECT_EQ(table.name_at(0xc0100021), "second(int)");
    EXPECT_EQ(table.name_at(0xc0100029), "third");
    EXPECT_TRUE(table.load(THREE_FUNCTIONS).was_sorted);
}

TEST(SymbolTable, MalformedLinesAreSkippedAndCounted) {
    TestTable table;
    debug::SymbolLoadReport report =
        table.load(all_bytes("c0100000 00000010 good_one\n"
                             "\n"                              // blank: ignored
                             "c0100010 00000010\n"             // no name
                             "c0100010 00000010 \n"            // blank name
                             "c0100010\n"                      // address only
                             "zz100010 00000010 bad_hex\n"     // not hex
                             "c0100010 0000001g bad_size\n"    // not hex
                             "c01000100 00000010 too_long\n"   // 9 digits
                             "c0100010 00000000 empty\n"       // size 0
                             "fffffff0 00000020 wraps\n"       // past 4 GiB
                             "c0100010 00000010 \x1b[31mred\n" // escape code
                             "c0100010 00000010 nul\0name\n"
                             " c0100010 00000010 leading_space\n"
                             "c0100010\t00000010\ttabs\n"
                             "c0100040 00000010 good_two\n"));
    EXPECT_EQ(report.loaded, 2u);
    EXPECT_EQ(report.malformed, 12u);
    EXPECT_EQ(table.name_at(0xc0100000), "good_one");
    EXPECT_EQ(table.name_at(0xc0100010), "(none)");
    EXPECT_EQ(table.name_at(0xc0100040), "good_two");
}

TEST(SymbolTable, BinaryGarbageDoesNotCrash) {
    TestTable table;
    std::string garbage;
    for (int i = 0; i < 4096; ++i)
        garbage.push_back(static_cast<char>((i * 7919) % 256));
    debug::SymbolLoadReport report = table.load(garbage);
    // Runs under AddressSanitizer: reading past the input or the storage would fail the test.
    EXPECT_EQ(report.loaded, 0u);
    EXPECT_GT(report.malformed, 0u);
    EXPECT_EQ(table.count(), 0u);
}

TEST(SymbolTable, AliasesKeepTheFirstNameAndOverlapsAreDropped) {
    TestTable table;
    debug::SymbolLoadReport report = table.load("c0100000 00000010 Widget::Widget()\n"
                                                "c0100000 00000010 Widget::Widget() alias\n"
                                                "c0100008 00000010 starts_inside\n"
                                                "c0100010 00000010 after\n");
    EXPECT_EQ(report.loaded, 2u);
    EXPECT_EQ(report.overlapping, 2u);
    EXPECT_EQ(table.name_at(0xc0100000), "Widget::Widget()");
    EXPECT_EQ(table.name_at(0xc010000f), "Widget::Widget()");
    EXPECT_EQ(table.name_at(0xc0100010), "after");
}

TEST(SymbolTable, FullStorageIsReportedNotOverrun) {
    TestTable few_symbols(2, 4096);
    debug::SymbolLoadReport report = few_symbols.load(THREE_FUNCTIONS);
    EXPECT_EQ(report.loaded, 2u);
    EXPECT_EQ(report.no_room, 1u);
    EXPECT_EQ(report.malformed, 0u);
    EXPECT_EQ(few_symbols.name_at(0xc0100028), "(none)");

    TestTable little_name_room(64, 12); // "first\0" fits, "second(int)\0" does not
    report = little_name_room.load(THREE_FUNCTIONS);
    EXPECT_EQ(report.loaded, 2u);
    EXPECT_EQ(report.no_room, 1u);
    EXPECT_EQ(little_name_room.name_at(0xc0100000), "first");
    EXPECT_EQ(little_name_room.name_at(0xc0100020), "(none)");
    EXPECT_EQ(little_name_room.name_at(0xc0100028), "third");
}

TEST(SymbolTable, LongNamesAreCut) {
    TestTable table;
    std::string long_name(debug::SymbolTable::MAXIMUM_NAME_LENGTH + 50, 'x');
    debug::SymbolLoadReport report = table.load("c0100000 00000010 " + long_name + "\n");
    EXPECT_EQ(report.loaded, 1u);
    EXPECT_EQ(report.truncated, 1u);
    EXPECT_EQ(table.name_at(0xc0100000), std::string(debug::SymbolTable::MAXIMUM_NAME_LENGTH, 'x'));
}

TEST(SymbolTable, LoadingAgainReplacesTheTable) {
    TestTable table;
    table.load(THREE_FUNCTIONS);
    EXPECT_EQ(table.load("d0000000 00000010 elsewhere\n").loaded, 1u);
    EXPECT_EQ(table.count(), 1u);
    EXPECT_EQ(table.name_at(0xc0100000), "(none)");
    EXPECT_EQ(table.name_at(0xd0000001), "elsewhere");
}

} // namespace
