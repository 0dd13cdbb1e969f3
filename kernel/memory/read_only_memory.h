// The parts of the kernel image that the kernel's page tables map read-only, so that a write to
// them (a bug, or an attacker's corruption of code, constants or the symbol table) faults, and
// the fault report names the part instead of saying only "page fault". Where each part comes
// from is arch/x86/kernel.ld.
#pragma once

#include "arch/exceptions.h"
#include "libk/types.h"

namespace memory {

// True for a page of the kernel image that is mapped read-only.
bool is_read_only_kernel_page(uintptr_t virtual_address);

// Bytes of the kernel image mapped read-only (for the boot summary).
size_t read_only_kernel_bytes();

// For a kernel page fault: "kernel wrote to read-only memory (.rodata)" and the like for a
// write to a read-only part of the image, nullptr otherwise. Registered with
// arch::set_kernel_page_fault_diagnosis.
const char* diagnose_read_only_write(uint32_t address, arch::PageFaultAccess access);

} // namespace memory
