// See symbols.h. The table lives in fixed storage: symbols are needed from the first lines of
// kernel_main on, long before there is a heap to allocate from. It is read-only after boot
// (arch/sections.h): it is loaded before the kernel builds its page tables, which then protect
// it, so that the names in every later panic report can be trusted.
#include "kernel/debug/symbols.h"
#include "arch/sections.h"
#include "kernel/debug/log.h"

namespace debug {
namespace {

// Room for a kernel several times today's size; load_symbols says so when it is not enough.
constexpr size_t MAXIMUM_SYMBOLS = 4096;
constexpr size_t NAME_STORAGE_BYTES = 128 * 1024;

READ_ONLY_AFTER_BOOT Symbol g_symbols[MAXIMUM_SYMBOLS];
READ_ONLY_AFTER_BOOT char g_names[NAME_STORAGE_BYTES];
// Empty (and all zero, as the section requires) until load_symbols gives it its storage.
READ_ONLY_AFTER_BOOT constinit SymbolTable g_table;

} // namespace

void load_symbols(const char* text, size_t length) {
    g_table = SymbolTable(g_symbols, MAXIMUM_SYMBOLS, g_names, NAME_STORAGE_BYTES);
    SymbolLoadReport report = g_table.load(text, length);
    log::info("symbols", "%zu functions loaded (%zu bytes of symbol text)", report.loaded, length);
    if (report.malformed > 0)
        log::warning("symbols", "%zu malformed lines skipped", report.malformed);
    if (!report.was_sorted)
        log::warning("symbols", "the lines were not sorted by address: sorted them");
    if (report.no_room > 0)
        log::warning("symbols",
                     "%zu symbols did not fit: raise MAXIMUM_SYMBOLS or "
                     "NAME_STORAGE_BYTES in kernel/debug/symbols.cpp",
                     report.no_room);
    if (report.truncated > 0)
        log::debug("symbols", "%zu names cut to %zu characters", report.truncated,
                   SymbolTable::MAXIMUM_NAME_LENGTH);
    if (report.overlapping > 0)
        log::debug("symbols", "%zu aliases or overlapping symbols skipped", report.overlapping);
}

SymbolLocation find_symbol(uintptr_t address) {
    return g_table.find(address);
}

size_t symbol_count() {
    return g_table.count();
}

} // namespace debug
