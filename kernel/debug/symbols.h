// Function names for addresses, from the symbol table GRUB loads as the module "symbols"
// (build/kernel.sym, made from the kernel ELF by `nm` at build time).
#pragma once

#include "libk/types.h"

namespace debug {

struct SymbolLocation {
    const char* name; // nullptr when the address is in no known function
    uint32_t offset;  // address - start of the function
};

// Reads the symbol table text ("address size name" per line, sorted by address).
void load_symbols(const char* text, size_t length);

SymbolLocation find_symbol(uintptr_t address);

} // namespace debug
