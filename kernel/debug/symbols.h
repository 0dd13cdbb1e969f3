// Function names for addresses, from the symbol table GRUB loads as the module "symbols"
// (build/kernel.sym, made from the kernel ELF by `nm` and tools/symbols.sh at build time).
// Backtraces, panics and exception reports use it to say which function an address is in.
#pragma once

#include "kernel/debug/symbol_table.h"
#include "libk/types.h"

namespace debug {

// Reads the symbol table text ("address size name" per line, hex, sorted by address) into the
// kernel's own storage and logs what it found (malformed lines are skipped and counted).
// The text is copied, so the module's memory may be reused afterwards. Once, before
// memory::initialize(), which makes the table read-only.
void load_symbols(const char* text, size_t length);

// The function containing `address`, or {nullptr, 0} if none (or no table was loaded).
SymbolLocation find_symbol(uintptr_t address);

// How many functions the table knows (0 before load_symbols or without a module).
size_t symbol_count();

} // namespace debug
