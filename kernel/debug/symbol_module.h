// Loading the kernel's symbol table from the Multiboot2 module whose command line is "symbols"
// (iso/grub.cfg.in: `module2 /boot/kernel.sym symbols`). kernel_main calls this once, early.
//
// It contains a deliberately minimal walk over the Multiboot2 tags that looks only at module
// tags (type 3). When kernel/boot_info/ offers a full parser with a module list, take the
// module from there and delete the walk in symbol_module.cpp; load_symbols() stays as it is.
#pragma once

#include "libk/types.h"

namespace debug {

// Finds the "symbols" module and hands it to load_symbols(); logs a warning when there is none
// or when it lies outside the memory the boot page tables map (backtraces then show addresses).
void load_symbol_module(uintptr_t boot_information_physical);

} // namespace debug
