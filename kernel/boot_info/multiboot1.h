// Reading the boot information of a Multiboot1 boot loader (Multiboot specification 0.6.96,
// section 3.3), the protocol QEMU itself speaks with -kernel: the test runners boot the kernel
// that way, straight from QEMU without the firmware's disk boot and GRUB, which saves most of a
// second per boot (docs/user-tests.md). make run and a few tests keep GRUB and Multiboot2.
//
// Unlike Multiboot2's one block, Multiboot1's information is a fixed structure whose fields hold
// physical addresses of the command line, the module list, the memory map and the loader's name,
// anywhere in memory. The parser reads them through a window onto physical memory, checks every
// address and length against it, and copies what the kernel keeps (strings, regions, modules)
// into the same BootInformation the Multiboot2 parser fills, so nothing points back into the
// boot loader's memory afterwards. Pure logic: the host tests feed it crafted memory.
#pragma once

#include "kernel/boot_info/multiboot2.h"
#include "libk/types.h"

namespace multiboot1 {

constexpr uint32_t BOOTLOADER_MAGIC = 0x2BADB002; // in eax when the loader jumps to _start

// The part of physical memory the parser may read: physical address a is at base + a, for
// a < size.
struct PhysicalWindow {
    const uint8_t* base;
    uint64_t size;
};

// Parses the structure at physical address `information_address` into `information`, which it
// first empties. In place, not returned: the strings it copies live in information.copied_text,
// and the pointers to them must point into the structure the caller keeps.
void parse(const PhysicalWindow& memory, uint32_t information_address,
           multiboot2::BootInformation& information);

} // namespace multiboot1
