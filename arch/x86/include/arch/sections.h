// Variables that the linker script (arch/x86/kernel.ld) places apart from the rest of the data.
// READ_ONLY_AFTER_BOOT marks one written only while the kernel boots, before it builds its own
// page tables: from then on its page is read-only, so a stray write (or an attacker's) faults.
#pragma once

// Only for variables without an initial value: the section is zero-filled at load, like .bss,
// and takes no room in the file, so an initial value would be lost.
#define READ_ONLY_AFTER_BOOT [[gnu::section(".bss.read_only_after_boot")]]
