// What happens when a program faults (a page fault, a general protection fault, a divide error,
// an invalid or privileged instruction): only its own process ends, with a one-line report
//
//     hello[3]: killed: page fault writing 0xc0000000 at eip 0x00401234 (main+0x14)
//
// and a wait status that names the fault's signal (SIGSEGV, SIGFPE, SIGILL, SIGTRAP). The
// kernel and every other process go on.
#pragma once

#include "arch/interrupt_frame.h"
#include "libk/types.h"

namespace user_fault {

// Registers the handler with the exception code (arch/exceptions.h). Once, at boot.
void initialize();

// The signal a fault with this vector ends a process with (ABI_SIG* of libk/abi/types.h).
int signal_for(uint32_t vector);

// Writes the report line (without the newline) for the fault in `frame` of `process_name`[pid],
// given the faulting address (cr2 for page faults) and the program's image (for the function
// name; nullptr when unknown).
void describe(char* buffer, size_t size, const arch::InterruptFrame& frame, uint32_t fault_address,
              const char* process_name, uint32_t pid, const uint8_t* image, size_t image_size,
              bool stack_overflow);

} // namespace user_fault
