// A table of function names by address, read from text lines "address size name" (hex address
// and size, then the demangled name, which may contain spaces). The text is input from outside
// the kernel (a boot module), so every line is checked; bad lines are skipped and counted.
// Pure logic with storage supplied by the owner: the kernel uses it in symbols.cpp, the host
// tests in tests/host/symbols_test.cpp.
#pragma once

#include "libk/types.h"

namespace debug {

struct SymbolLocation {
    const char* name; // nullptr when the address is in no known function
    uint32_t offset;  // address - start of the function
};

// One function of the table. The name lives in the table's name storage.
struct Symbol {
    uint32_t address;
    uint32_t size;
    uint32_t name_offset;
};

// What load() did with its input, so the caller can report it.
struct SymbolLoadReport {
    size_t loaded = 0;      // symbols now in the table
    size_t malformed = 0;   // lines that are not "address size name" (skipped)
    size_t overlapping = 0; // symbols starting inside an earlier one, such as aliases (skipped)
    size_t truncated = 0;   // names cut to MAXIMUM_NAME_LENGTH
    size_t no_room = 0;     // well-formed symbols dropped because the storage was full
    bool was_sorted = true; // false when the lines had to be sorted by address
};

class SymbolTable {
public:
    static constexpr size_t MAXIMUM_NAME_LENGTH = 200;

    // An empty table with no storage: load() keeps nothing.
    constexpr SymbolTable() = default;
    // The table keeps at most `capacity` symbols in `symbols` and their names in `names`.
    // constexpr so that a global table needs no constructor at run time.
    constexpr SymbolTable(Symbol* symbols, size_t capacity, char* names, size_t names_size)
        : m_symbols(symbols), m_capacity(capacity), m_names(names), m_names_size(names_size) {}

    // Replaces the contents of the table with the symbols read from `text` (not NUL-terminated;
    // `length` bytes). The text is copied: it may be freed afterwards.
    SymbolLoadReport load(const char* text, size_t length);

    // The function containing `address`: its start <= address < start + size.
    SymbolLocation find(uintptr_t address) const;

    size_t count() const { return m_count; }

private:
    bool parse_line(const char* line, size_t length, SymbolLoadReport& report);
    void sort_by_address();
    void drop_overlapping(SymbolLoadReport& report);

    Symbol* m_symbols = nullptr;
    size_t m_capacity = 0;
    char* m_names = nullptr;
    size_t m_names_size = 0;
    size_t m_count = 0;
    size_t m_names_used = 0;
};

} // namespace debug
