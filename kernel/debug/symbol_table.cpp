// See symbol_table.h. Loading is three steps: parse every line into the storage, sort by address
// if the input was not sorted, then drop symbols that start inside the one before them. After
// that the table is sorted and free of overlaps, so a binary search finds the only candidate.
#include "kernel/debug/symbol_table.h"

namespace debug {
namespace {

int hex_digit_value(char character) {
    if (character >= '0' && character <= '9')
        return character - '0';
    if (character >= 'a' && character <= 'f')
        return character - 'a' + 10;
    if (character >= 'A' && character <= 'F')
        return character - 'A' + 10;
    return -1;
}

// Reads 1 to 8 hex digits at text[position...] into `value`; advances `position` past them.
bool parse_hex(const char* text, size_t length, size_t& position, uint32_t& value) {
    size_t start = position;
    value = 0;
    while (position < length && hex_digit_value(text[position]) >= 0) {
        if (position - start == 8)
            return false; // more than 32 bits
        value = value << 4 | static_cast<uint32_t>(hex_digit_value(text[position]));
        ++position;
    }
    return position > start;
}

// Skips one or more spaces; false if there is none (fields must be separated).
bool skip_spaces(const char* text, size_t length, size_t& position) {
    size_t start = position;
    while (position < length && text[position] == ' ')
        ++position;
    return position > start;
}

// Control characters in a name would reach the console as escape sequences: refuse them.
bool is_printable(const char* text, size_t length) {
    for (size_t i = 0; i < length; ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7F)
            return false;
    }
    return true;
}

} // namespace

SymbolLoadReport SymbolTable::load(const char* text, size_t length) {
    SymbolLoadReport report;
    m_count = 0;
    m_names_used = 0;
    size_t line_start = 0;
    while (line_start < length) {
        size_t line_end = line_start;
        while (line_end < length && text[line_end] != '\n')
            ++line_end;
        size_t line_length = line_end - line_start;
        if (line_length > 0 && text[line_start + line_length - 1] == '\r')
            --line_length; // tolerate files written with DOS line ends
        if (line_length > 0 && !parse_line(text + line_start, line_length, report))
            ++report.malformed;
        line_start = line_end + 1;
    }
    for (size_t i = 1; i < m_count && report.was_sorted; ++i)
        report.was_sorted = m_symbols[i - 1].address <= m_symbols[i].address;
    if (!report.was_sorted)
        sort_by_address();
    drop_overlapping(report);
    report.loaded = m_count;
    return report;
}

// Returns false for a malformed line; a well-formed line that does not fit is counted in
// report.no_room and is not an error of the input.
bool SymbolTable::parse_line(const char* line, size_t length, SymbolLoadReport& report) {
    size_t position = 0;
    uint32_t address = 0;
    uint32_t size = 0;
    if (!parse_hex(line, length, position, address) || !skip_spaces(line, length, position))
        return false;
    if (!parse_hex(line, length, position, size) || !skip_spaces(line, length, position))
        return false;
    size_t name_length = length - position;
    while (name_length > 0 && line[position + name_length - 1] == ' ')
        --name_length;
    const char* name = line + position;
    // A zero size can contain no address; a range past 4 GiB is not a kernel function.
    if (name_length == 0 || size == 0 || address + size < address ||
        !is_printable(name, name_length))
        return false;

    if (name_length > MAXIMUM_NAME_LENGTH) {
        name_length = MAXIMUM_NAME_LENGTH;
        ++report.truncated;
    }
    if (m_count == m_capacity || m_names_size - m_names_used < name_length + 1) {
        ++report.no_room;
        return true;
    }
    char* stored_name = m_names + m_names_used;
    for (size_t i = 0; i < name_length; ++i)
        stored_name[i] = name[i];
    stored_name[name_length] = '\0';
    m_symbols[m_count++] = {address, size, static_cast<uint32_t>(m_names_used)};
    m_names_used += name_length + 1;
    return true;
}

// Insertion sort: stable (the first of two aliases stays first) and a single pass for the
// usual input, which tools/symbols.sh already sorts.
void SymbolTable::sort_by_address() {
    for (size_t i = 1; i < m_count; ++i) {
        Symbol moving = m_symbols[i];
        size_t hole = i;
        while (hole > 0 && m_symbols[hole - 1].address > moving.address) {
            m_symbols[hole] = m_symbols[hole - 1];
            --hole;
        }
        m_symbols[hole] = moving;
    }
}

// Keeps a symbol only if it starts at or after the end of the last kept one. Aliases (two names
// for one address, as C++ constructors often have) keep the name that came first.
void SymbolTable::drop_overlapping(SymbolLoadReport& report) {
    size_t kept = 0;
    for (size_t i = 0; i < m_count; ++i) {
        if (kept > 0) {
            const Symbol& last = m_symbols[kept - 1];
            if (m_symbols[i].address - last.address < last.size) {
                ++report.overlapping;
                continue;
            }
        }
        m_symbols[kept++] = m_symbols[i];
    }
    m_count = kept;
}

SymbolLocation SymbolTable::find(uintptr_t address) const {
    // Find the last symbol whose start is <= address: the only one that can contain it.
    // Invariant: every symbol before `low` starts at or below `address`, every symbol from
    // `high` on starts above it.
    size_t low = 0;
    size_t high = m_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (m_symbols[middle].address <= address)
            low = middle + 1;
        else
            high = middle;
    }
    if (low == 0)
        return {nullptr, 0};
    const Symbol& candidate = m_symbols[low - 1];
    uintptr_t offset = address - candidate.address;
    if (offset >= candidate.size)
        return {nullptr, 0};
    return {m_names + candidate.name_offset, static_cast<uint32_t>(offset)};
}

} // namespace debug
