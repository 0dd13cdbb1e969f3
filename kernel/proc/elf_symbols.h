// Function names from an ELF file's own symbol table (.symtab), so that a fault in a program is
// reported as "at eip 0x00401234 (main+0x14)". The initrd keeps each program's symbol table (the
// build strips only debug information). Nothing in the file is trusted: every offset and size
// is checked against the file. Pure logic, tested on the host.
#pragma once

#include "libk/types.h"

namespace elf {

struct FunctionLocation {
    const char* name;   // inside the file: not NUL-terminated within it necessarily
    size_t name_length; // so print it with "%.*s"
    uint32_t offset;    // address - the function's start
};

// Finds the function whose range holds `address` (or, for symbols without a size, such as
// assembly labels, the closest one below it). False when the file has no symbol table or no such
// function.
bool find_function(const void* file, size_t size, uint32_t address, FunctionLocation& location);

} // namespace elf
