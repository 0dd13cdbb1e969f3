// See elf_symbols.h. Structures from the System V ABI, "Object Files": section headers and
// symbol table entries.
#include "kernel/proc/elf_symbols.h"
#include "kernel/proc/elf.h"
#include "libk/string.h"

namespace elf {
namespace {

struct SectionHeader {
    uint32_t name;
    uint32_t type;
    uint32_t flags;
    uint32_t address;
    uint32_t offset;
    uint32_t size;
    uint32_t link; // for a symbol table: the index of its string table
    uint32_t info;
    uint32_t alignment;
    uint32_t entry_size;
};
static_assert(sizeof(SectionHeader) == 40);

struct Symbol {
    uint32_t name; // offset into the string table
    uint32_t value;
    uint32_t size;
    uint8_t info; // type in the low four bits
    uint8_t other;
    uint16_t section;
};
static_assert(sizeof(Symbol) == 16);

constexpr uint32_t SECTION_SYMBOL_TABLE = 2;
constexpr uint32_t SECTION_STRING_TABLE = 3;
constexpr uint32_t SECTION_NO_BITS = 8;      // .bss: takes no room in the file
constexpr uint32_t SECTION_EXECUTABLE = 0x4; // flag: holds machine code
constexpr uint8_t SYMBOL_NO_TYPE = 0;        // labels of assembly code, such as _start
constexpr uint8_t SYMBOL_FUNCTION = 2;
constexpr uint16_t SECTION_UNDEFINED = 0;
constexpr uint16_t SECTION_RESERVED = 0xFF00; // from here on: absolute, common, ...

// A part of the file, checked to lie inside it.
struct Range {
    const uint8_t* start;
    size_t size;
};

// The file as far as the search needs it.
struct SymbolFile {
    const uint8_t* bytes;
    size_t size;
    FileHeader header;
    Range symbols;
    Range strings;
};

bool inside(size_t file_size, uint32_t offset, uint32_t size) {
    return offset <= file_size && size <= file_size - offset;
}

bool read_section(const SymbolFile& file, uint32_t index, SectionHeader& section) {
    const FileHeader& header = file.header;
    if (index >= header.section_header_count || header.section_header_size != sizeof section)
        return false;
    uint32_t offset = header.section_header_offset + index * sizeof section;
    if (offset < header.section_header_offset || !inside(file.size, offset, sizeof section))
        return false;
    memcpy(&section, file.bytes + offset, sizeof section);
    return section.type == SECTION_NO_BITS || inside(file.size, section.offset, section.size);
}

// The symbol table and its string table, if the file has both.
bool find_tables(SymbolFile& file) {
    if (file.size < sizeof file.header)
        return false;
    memcpy(&file.header, file.bytes, sizeof file.header);
    for (uint32_t index = 0; index < file.header.section_header_count; ++index) {
        SectionHeader section, string_section;
        if (!read_section(file, index, section) || section.type != SECTION_SYMBOL_TABLE)
            continue;
        if (!read_section(file, section.link, string_section) ||
            string_section.type != SECTION_STRING_TABLE)
            return false;
        file.symbols = {file.bytes + section.offset, section.size};
        file.strings = {file.bytes + string_section.offset, string_section.size};
        return true;
    }
    return false;
}

// A function or an untyped label (assembly code) whose section is code and holds `address`,
// so an address far past the program's code is never blamed on its last label.
bool may_hold(const SymbolFile& file, const Symbol& symbol, uint32_t address) {
    uint8_t type = symbol.info & 0xF;
    if ((type != SYMBOL_FUNCTION && type != SYMBOL_NO_TYPE) || symbol.value > address ||
        symbol.name == 0 || symbol.name >= file.strings.size)
        return false;
    SectionHeader section;
    if (symbol.section == SECTION_UNDEFINED || symbol.section >= SECTION_RESERVED ||
        !read_section(file, symbol.section, section))
        return false;
    return (section.flags & SECTION_EXECUTABLE) && address - section.address < section.size;
}

} // namespace

bool find_function(const void* bytes, size_t size, uint32_t address, FunctionLocation& location) {
    SymbolFile file{static_cast<const uint8_t*>(bytes), size, {}, {}, {}};
    if (!find_tables(file))
        return false;
    bool found = false;
    Symbol best{};
    for (size_t offset = 0; offset + sizeof(Symbol) <= file.symbols.size;
         offset += sizeof(Symbol)) {
        Symbol symbol;
        memcpy(&symbol, file.symbols.start + offset, sizeof symbol);
        if (!may_hold(file, symbol, address))
            continue;
        bool holds = symbol.size > 0 && address - symbol.value < symbol.size;
        bool closer = symbol.size == 0 && (!found || symbol.value > best.value);
        if (holds || closer) {
            best = symbol;
            found = true;
            if (holds)
                break;
        }
    }
    if (!found)
        return false;
    const char* name = reinterpret_cast<const char*>(file.strings.start + best.name);
    location = {name, strnlen(name, file.strings.size - best.name), address - best.value};
    return true;
}

} // namespace elf
