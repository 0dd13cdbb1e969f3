// The kernel's side of the boot information: it checks that GRUB started the kernel and that the
// block lies where the boot page tables let the kernel read it, has multiboot2.h parse it once,
// and prints the boot summary. Everything later asks here (memory map, modules, ...).
#pragma once

#include "kernel/boot_info/multiboot2.h"
#include "libk/types.h"

namespace boot_info {

// Called once, first thing in kernel_main, with eax and ebx as GRUB left them. Problems are
// recorded (see log_summary), never trusted: a bad block leaves the information empty.
void initialize(uint32_t magic, uintptr_t information_physical);

// The magic the boot loader left in eax: multiboot2::BOOTLOADER_MAGIC from GRUB,
// multiboot1::BOOTLOADER_MAGIC from QEMU's -kernel (the test boots).
uint32_t loader_magic();

// The parsed information; empty (and with problems) if the block could not be used.
const multiboot2::BootInformation& information();

// Where the block lies in physical memory (its size is information().total_size, 0 if it was
// not used), so the frame allocator can keep it.
uintptr_t information_physical();

// The bytes of a module, for modules the boot page tables map. `data` is nullptr when there is
// no module of that name or it lies beyond the boot mapping.
struct ModuleContents {
    const uint8_t* data;
    size_t size;
};
ModuleContents module_contents(const char* name);

// What initialize() decided, to put back after a test has called initialize() with crafted
// input. (A Multiboot1 boot cannot simply be parsed again: the strings it points to lie in
// memory the kernel has since reused; the parse copied them.)
struct Saved {
    multiboot2::BootInformation information;
    uintptr_t information_physical;
    uint32_t loader_magic;
};
void save(Saved& saved);
void restore(const Saved& saved);

// Logs the boot summary: boot loader, command line, memory map, modules, then every problem as
// a warning.
void log_summary();

} // namespace boot_info
