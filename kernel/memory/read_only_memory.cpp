// See read_only_memory.h.
#include "kernel/memory/read_only_memory.h"

extern "C" char __kernel_text_start[];
extern "C" char __kernel_rodata_start[];
extern "C" char __kernel_text_end[];
extern "C" char __read_only_after_boot_start[];
extern "C" char __read_only_after_boot_end[];

namespace memory {
namespace {

struct ReadOnlyPart {
    const char* start;
    const char* end;
    const char* write_fault; // the report's name for a write to it
};

// Page-aligned by the linker script. .rodata's part runs to the end of the read-only pages, so
// it holds .eh_frame, the constructor list and the list of kernel tests too.
const ReadOnlyPart READ_ONLY_PARTS[] = {
    {__kernel_text_start, __kernel_rodata_start, "kernel wrote to read-only memory (.text)"},
    {__kernel_rodata_start, __kernel_text_end, "kernel wrote to read-only memory (.rodata)"},
    {__read_only_after_boot_start, __read_only_after_boot_end,
     "kernel wrote to read-only memory (read-only after boot, such as the symbol table)"},
};

const ReadOnlyPart* part_holding(uintptr_t virtual_address) {
    for (const ReadOnlyPart& part : READ_ONLY_PARTS) {
        if (virtual_address >= reinterpret_cast<uintptr_t>(part.start) &&
            virtual_address < reinterpret_cast<uintptr_t>(part.end))
            return &part;
    }
    return nullptr;
}

} // namespace

bool is_read_only_kernel_page(uintptr_t virtual_address) {
    return part_holding(virtual_address) != nullptr;
}

size_t read_only_kernel_bytes() {
    size_t bytes = 0;
    for (const ReadOnlyPart& part : READ_ONLY_PARTS)
        bytes += static_cast<size_t>(part.end - part.start);
    return bytes;
}

const char* diagnose_read_only_write(uint32_t address, arch::PageFaultAccess access) {
    if (access != arch::PageFaultAccess::Write)
        return nullptr;
    const ReadOnlyPart* part = part_holding(address);
    return part != nullptr ? part->write_fault : nullptr;
}

} // namespace memory
