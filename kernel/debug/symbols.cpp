// See symbols.h. The table lives in fixed storage in .bss: symbols are needed from the first
// lines of kernel_main on, long before there is a heap to allocate from.
#include "kernel/debug/symbols.h"
#include "kernel/debug/log.h"

namespace debug {
namespace {

// Room for a kernel several times today's size; load_symbols says so when it is not enough.
constexpr size_t MAXIMUM_SYMBOLS = 4096;
constexpr size_t NAME_STORAGE_BYTES = 128 * 1024;

Symbol g_symbols[MAXIMUM_SYMBOLS];
char g_names[NAME_STORAGE_BYTES];
constinit SymbolTable g_table(g_symbols, MAXIMUM_SYMBOLS, g_names, NAME_STORAGE_BYTES);

} // namespace

void load_symbols(const char* text, size_t length) {
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
