// Reading the Multiboot2 boot information GRUB hands to the kernel (Multiboot2 spec, section 3.6).
#pragma once

#include "libk/types.h"

namespace multiboot2 {

constexpr uint32_t BOOTLOADER_MAGIC = 0x36D76289; // in eax when GRUB jumps to _start

// Finds the command line tag in the information at `information` (already a usable pointer).
// Returns nullptr if there is none.
const char* find_command_line(const void* information);

} // namespace multiboot2
