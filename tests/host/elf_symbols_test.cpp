// elf::find_function: naming the function an address of a program lies in, from a crafted ELF
// file with a code section, a data section, a symbol table and its strings.
#include "kernel/proc/elf.h"
#include "kernel/proc/elf_symbols.h"
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace {

struct Section {
    uint32_t name, type, flags, address, offset, size, link, info, alignment, entry_size;
};
struct Symbol {
    uint32_t name, value, size;
    uint8_t info, other;
    uint16_t section;
};

constexpr uint32_t CODE = 0x00400000;
constexpr uint32_t DATA = 0x00401000;
constexpr uint8_t NO_TYPE = 0, OBJECT = 1, FUNCTION = 2;

// Sections: 0 null, 1 .text (code), 2 .symtab, 3 .strtab, 4 .data.
std::vector<uint8_t> crafted_program() {
    std::string strings("\0_start\0main\0helper\0table\0data_end\0", 36);
    std::vector<Symbol> symbols = {
        {},
        {1, CODE, 0, NO_TYPE, 0, 1},            // _start: an assembly label
        {8, CODE + 0x10, 0x20, FUNCTION, 0, 1}, // main
        {13, CODE + 0x40, 0x10, FUNCTION, 0, 1},
        {20, DATA, 0x40, OBJECT, 0, 4},
        {26, DATA + 0x50, 0, NO_TYPE, 0, 4}, // a label in data: never names code
    };
    size_t symbols_offset = sizeof(elf::FileHeader);
    size_t strings_offset = symbols_offset + symbols.size() * sizeof(Symbol);
    size_t sections_offset = strings_offset + strings.size();
    std::vector<Section> sections = {
        {},
        {0, 1, 0x6, CODE, 0, 0x100, 0, 0, 16, 0},
        {0, 2, 0, 0, uint32_t(symbols_offset), uint32_t(symbols.size() * sizeof(Symbol)), 3, 0, 4,
         sizeof(Symbol)},
        {0, 3, 0, 0, uint32_t(strings_offset), uint32_t(strings.size()), 0, 0, 1, 0},
        {0, 1, 0x3, DATA, 0, 0x100, 0, 0, 4, 0},
    };
    elf::FileHeader header{};
    header.section_header_offset = uint32_t(sections_offset);
    header.section_header_size = sizeof(Section);
    header.section_header_count = uint16_t(sections.size());
    std::vector<uint8_t> file(sections_offset + sections.size() * sizeof(Section));
    std::memcpy(file.data(), &header, sizeof header);
    std::memcpy(file.data() + symbols_offset, symbols.data(), symbols.size() * sizeof(Symbol));
    std::memcpy(file.data() + strings_offset, strings.data(), strings.size());
    std::memcpy(file.data() + sections_offset, sections.data(), sections.size() * sizeof(Section));
    return file;
}

std::string name_of(const std::vector<uint8_t>& file, uint32_t address) {
    elf::FunctionLocation location;
    if (!elf::find_function(file.data(), file.size(), address, location))
        return "(none)";
    return std::string(location.name, location.name_length) + "+" + std::to_string(location.offset);
}

} // namespace

TEST(ElfSymbols, NamesTheFunctionAnAddressIsIn) {
    std::vector<uint8_t> file = crafted_program();
    EXPECT_EQ(name_of(file, CODE), "_start+0");
    EXPECT_EQ(name_of(file, CODE + 0x15), "main+5");
    EXPECT_EQ(name_of(file, CODE + 0x4F), "helper+15");
    // Past main's end, the closest label below still names it (as assembly code would be).
    EXPECT_EQ(name_of(file, CODE + 0x35), "_start+53");
}

TEST(ElfSymbols, NamesNothingOutsideTheCode) {
    std::vector<uint8_t> file = crafted_program();
    EXPECT_EQ(name_of(file, DATA + 0x60), "(none)"); // data: its label is not code
    EXPECT_EQ(name_of(file, 0xC0100000), "(none)");
    EXPECT_EQ(name_of(file, CODE - 4), "(none)");
}

TEST(ElfSymbols, DamagedFilesAreNotFollowed) {
    std::vector<uint8_t> file = crafted_program();
    elf::FileHeader header;
    std::memcpy(&header, file.data(), sizeof header);
    // Cut short anywhere before the end of the section table that matters.
    size_t before_sections = header.section_header_offset;
    size_t inside_symbol_table_entry = header.section_header_offset + 2 * sizeof(Section) + 10;
    for (size_t size : {size_t(0), size_t(10), sizeof(elf::FileHeader), before_sections,
                        inside_symbol_table_entry}) {
        elf::FunctionLocation location;
        EXPECT_FALSE(elf::find_function(file.data(), size, CODE + 0x15, location)) << size;
    }
    // A symbol table reaching past the end of the file.
    std::vector<uint8_t> damaged = file;
    Section symtab;
    size_t symtab_at = header.section_header_offset + 2 * sizeof(Section);
    std::memcpy(&symtab, damaged.data() + symtab_at, sizeof symtab);
    symtab.size = 0x7FFFFFFF;
    std::memcpy(damaged.data() + symtab_at, &symtab, sizeof symtab);
    EXPECT_EQ(name_of(damaged, CODE + 0x15), "(none)");
}
