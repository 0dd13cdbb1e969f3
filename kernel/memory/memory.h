// The memory subsystem's start-up: physical frames, the kernel's page tables, the heap, the
// kernel stacks. kernel_main calls initialize() once, after the boot information is read and
// before anything allocates.
#pragma once

#include "libk/types.h"

namespace memory {

void initialize();

// One line per figure for the boot summary: RAM, free memory, kernel image, heap.
void log_summary();

} // namespace memory
