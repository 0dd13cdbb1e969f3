// See kernel_page_tables.h.
#include "kernel/memory/kernel_page_tables.h"
#include "arch/mmu.h"
#include "arch/tss.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/layout.h"
#include "kernel/memory/read_only_memory.h"
#include "libk/new.h"

namespace memory {
namespace {

class KernelPhysicalMemory final : public PhysicalMemory {
public:
    void* pointer_to(PhysicalAddress frame) override {
        // Before the kernel's tables are active only the boot mapping's first 16 MiB exist.
        if (frame >= m_reachable_bytes)
            panic("physical frame %#010x is outside the direct map (%u MiB reachable)", frame,
                  static_cast<unsigned>(m_reachable_bytes >> 20));
        return physical_to_virtual(frame);
    }
    libk::ErrorOr<PhysicalAddress> allocate_frame() override { return memory::allocate_frame(); }
    void free_frame(PhysicalAddress frame) override { memory::free_frame(frame); }

    void set_reachable_bytes(uint64_t bytes) { m_reachable_bytes = bytes; }

private:
    uint64_t m_reachable_bytes = BOOT_MAPPED_BYTES;
};

KernelPhysicalMemory g_physical_memory;
// Constructed in initialize_kernel_page_tables (no hidden global constructor).
alignas(PageTables) uint8_t g_page_tables_storage[sizeof(PageTables)];
PageTables* g_page_tables = nullptr;
uint64_t g_direct_map_bytes = 0;

void check(libk::ErrorOr<void> result, const char* what) {
    if (result.is_error())
        panic("building the kernel page tables: %s: %s", what,
              libk::error_description(result.error()));
}

// Every frame of RAM below the direct map's limit, at DIRECT_MAP_BASE + its address. The
// kernel image is part of it: its read-only parts are mapped so here.
void map_physical_memory(PageTables& tables, uint64_t bytes) {
    for (uintptr_t physical = 0; physical < bytes; physical += PAGE_SIZE) {
        uintptr_t address = DIRECT_MAP_BASE + physical;
        check(tables.map(address, physical,
                         is_read_only_kernel_page(address) ? KERNEL_READ_ONLY : KERNEL_READ_WRITE),
              "direct map");
    }
}

} // namespace

void initialize_kernel_page_tables(const MemoryMap& map) {
    uint64_t highest = map.highest_usable_address();
    g_direct_map_bytes =
        highest < DIRECT_MAP_SIZE ? libk::align_up(highest, PAGE_SIZE) : DIRECT_MAP_SIZE;
    auto directory = PageTables::create_directory(g_physical_memory);
    if (directory.is_error())
        panic("no frame for the kernel page directory");
    g_page_tables =
        new (g_page_tables_storage) PageTables(g_physical_memory, directory.value(), USER_END);
    check(g_page_tables->preallocate_shared_tables(), "kernel-half tables");
    map_physical_memory(*g_page_tables, g_direct_map_bytes);

    arch::load_page_directory(g_page_tables->directory());
    arch::set_double_fault_page_directory(g_page_tables->directory());
    arch::enable_write_protect();
    g_physical_memory.set_reachable_bytes(g_direct_map_bytes);
    log::debug("memory", "kernel page tables active: directory at %#x, %u MiB direct map",
               g_page_tables->directory(), static_cast<unsigned>(g_direct_map_bytes >> 20));
}

PhysicalMemory& kernel_physical_memory() {
    return g_physical_memory;
}

PageTables& kernel_page_tables() {
    VERIFY(g_page_tables != nullptr);
    return *g_page_tables;
}

uint64_t direct_map_bytes() {
    return g_direct_map_bytes;
}

libk::ErrorOr<void> map_kernel_page(uintptr_t virtual_address, PhysicalAddress frame,
                                    PagePermissions permissions) {
    VERIFY(virtual_address >= USER_END);
    // A new mapping needs no TLB flush: the CPU does not cache "not present".
    return kernel_page_tables().map(virtual_address, frame, permissions);
}

libk::ErrorOr<PhysicalAddress> unmap_kernel_page(uintptr_t virtual_address) {
    VERIFY(virtual_address >= USER_END);
    PhysicalAddress frame = TRY(kernel_page_tables().unmap(virtual_address));
    arch::invalidate_page(virtual_address);
    return frame;
}

libk::ErrorOr<void> map_new_kernel_page(uintptr_t virtual_address) {
    PhysicalAddress frame = TRY(allocate_frame());
    libk::ErrorOr<void> mapped = map_kernel_page(virtual_address, frame, KERNEL_READ_WRITE);
    if (mapped.is_error())
        free_frame(frame);
    return mapped;
}

void free_kernel_page(uintptr_t virtual_address) {
    auto frame = unmap_kernel_page(virtual_address);
    if (frame.is_error())
        panic("freeing kernel page %#x, which is not mapped",
              static_cast<unsigned>(virtual_address));
    free_frame(frame.value());
}

void activate_kernel_page_tables() {
    arch::load_page_directory(kernel_page_tables().directory());
}

} // namespace memory
