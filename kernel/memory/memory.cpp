// See memory.h.
#include "kernel/memory/memory.h"
#include "arch/exceptions.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/debug/log.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/memory/kernel_stacks.h"
#include "kernel/memory/layout.h"
#include "kernel/memory/read_only_memory.h"

namespace memory {
namespace {

unsigned kib(uint64_t bytes) {
    return static_cast<unsigned>(bytes >> 10);
}

void log_memory_map(const MemoryMap& map) {
    for (const PhysicalRange& range : map.usable_ranges())
        log::debug("memory", "usable   %#010llx-%#010llx", range.start, range.end);
    for (const PhysicalRange& range : map.reserved_ranges())
        log::debug("memory", "reserved %#010llx-%#010llx", range.start, range.end);
}

// memlimit=N: the memory limit of every process in MiB; by default half of the managed RAM.
void set_memory_limit_from_command_line() {
    constexpr uint32_t PAGES_PER_MIB = (1024 * 1024) / PAGE_SIZE;
    uint32_t half = total_frame_count() / 2;
    uint32_t mebibytes =
        command_line::number("memlimit", half / PAGES_PER_MIB, 1, DIRECT_MAP_SIZE >> 20);
    set_default_memory_limit(mebibytes * PAGES_PER_MIB);
}

} // namespace

void initialize() {
    static MemoryMap map; // too big for the boot stack; used once
    collect_memory_map(map);
    initialize_frames(map);
    set_memory_limit_from_command_line();
    log_memory_map(map);
    initialize_kernel_page_tables(map);
    initialize_kernel_heap();
    // A double fault is most often a kernel stack that ran into its guard page: let the
    // double-fault handler ask which thread's stack that was.
    arch::set_double_fault_diagnosis(diagnose_stack_overflow);
    // A write to the kernel's code, constants or symbol table is reported as exactly that.
    arch::set_kernel_page_fault_diagnosis(diagnose_read_only_write);
}

void log_summary() {
    uint64_t free_bytes = uint64_t{free_frame_count()} * PAGE_SIZE;
    uint64_t total_bytes = uint64_t{total_frame_count()} * PAGE_SIZE;
    log::info("memory", "%u KiB of RAM managed, %u KiB free", kib(total_bytes), kib(free_bytes));
    // Each line fits the 80 columns of the VGA screen after its "[  0.000] memory:  " prefix.
    log::info("memory", "each process: %u MiB (memlimit=); kernel reserve: %u KiB",
              static_cast<unsigned>(uint64_t{default_memory_limit_pages()} * PAGE_SIZE >> 20),
              kib(uint64_t{FRAMES_RESERVED_FOR_THE_KERNEL} * PAGE_SIZE));
    PhysicalRange image = kernel_image_range();
    log::info("memory", "kernel image %u KiB at %#010x, %u KiB of it read-only", kib(image.size()),
              static_cast<unsigned>(image.start), kib(read_only_kernel_bytes()));
    log::info(
        "memory", "RAM at %#x (%u MiB), kernel heap at %#x", static_cast<unsigned>(DIRECT_MAP_BASE),
        static_cast<unsigned>(direct_map_bytes() >> 20), static_cast<unsigned>(KERNEL_HEAP_BASE));
}

} // namespace memory
