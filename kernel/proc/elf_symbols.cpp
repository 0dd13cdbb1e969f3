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
constexpr uint8_t SYMBOL_NO_TYPE = 0; // labels of assembly code, such as _start
constexpr uint8_t SYMBOL_FUNCTION = 2;
constexpr uint16_t SECTION_UNDEFINED = 0;
constexpr uint16_t SECTION_RESERVED = 0xFF00; // from here on: absolute, common, ...

// A symbol that can name code: a function, or an untyped label in a real section.
bool names_code(const Symbol& symbol) {
    uint8_t type = symbol.info & 0xF;
    bool in_section = symbol.section != SECTION_UNDEFINED && symbol.section < SECTION_RESERVED;
    return in_section && (type == SYMBOL_FUNCTION || type == SYMBOL_NO_TYPE);
}

// A part of the file, checked to lie inside it.
struct Range {
    const uint8_t* start;
    size_t size;
};

bool inside(size_t file_size, uint32_t offset, uint32_t size) {
    return offset <= file_size && size <= file_size - offset;
}

bool read_section(const uint8_t* file, size_t size, const FileHeader& header, uint32_t index,
                  SectionHeader& section) {
    if (index >= header.section_header_count || header.section_header_size != sizeof section)
        return false;
    uint32_t offset = header.section_header_offset + index * sizeof section;
    if (offset < header.section_header_offset || !inside(size, offset, sizeof section))
        return false;
    memcpy(&section, file + offset, sizeof section);
    return inside(size, section.offset, section.size);
}

// The symbol table and its string table, if the file has both.
bool find_tables(const uint8_t* file, size_t size, Range& symbols, Range& strings) {
    FileHeader header;
    if (size < sizeof header)
        return false;
    memcpy(&header, file, sizeof header);
    for (uint32_t index = 0; index < header.section_header_count; ++index) {
        SectionHeader section, string_section;
        if (!read_section(file, size, header, index, section) ||
            section.type != SECTION_SYMBOL_TABLE)
            continue;
        if (!read_section(file, size, header, section.link, string_section) ||
            string_section.type != SECTION_STRING_TABLE)
            return false;
        symbols = {file + section.offset, section.size};
        strings = {file + string_section.offset, string_section.size};
        return true;
    }
    return false;
}

} // namespace

bool find_function(const void* file, size_t size, uint32_t address, FunctionLocation& location) {
    Range symbols, strings;
    if (!find_tables(static_cast<const uint8_t*>(file), size, symbols, strings))
        return false;
    bool found = false;
    Symbol best{};
    for (size_t offset = 0; offset + sizeof(Symbol) <= symbols.size; offset += sizeof(Symbol)) {
        Symbol symbol;
        memcpy(&symbol, symbols.start + offset, sizeof symbol);
        if (!names_code(symbol) || symbol.value > address || symbol.name == 0 ||
            symbol.name >= strings.size)
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
    const char* name = reinterpret_cast<const char*>(strings.start + best.name);
    location = {name, strnlen(name, strings.size - best.name), address - best.value};
    return true;
}

} // namespace elf
