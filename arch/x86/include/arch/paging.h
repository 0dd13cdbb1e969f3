// The x86 two-level page-table format without PAE (Intel SDM Vol. 3A, section 4.3): a page
// directory of 1024 entries, each pointing to a page table of 1024 entries, each mapping one
// 4 KiB page. A virtual address splits into directory index (bits 31-22), table index (bits
// 21-12) and offset (bits 11-0). Pure data: no instructions here, so host tests use it too.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace arch {

constexpr size_t PAGE_TABLE_ENTRIES = 1024;
constexpr uint32_t PAGE_BYTES = 4096;
constexpr uint32_t BYTES_PER_DIRECTORY_ENTRY = PAGE_BYTES * PAGE_TABLE_ENTRIES; // 4 MiB

constexpr size_t directory_index(uintptr_t virtual_address) {
    return (virtual_address >> 22) & 0x3FF;
}
constexpr size_t table_index(uintptr_t virtual_address) {
    return (virtual_address >> 12) & 0x3FF;
}
constexpr uintptr_t address_of(size_t directory_index, size_t table_index) {
    return (uintptr_t{directory_index} << 22) | (uintptr_t{table_index} << 12);
}

// One entry of a page directory or a page table. In a directory entry the permission bits
// apply to the whole 4 MiB the table covers; the CPU grants an access only if both the
// directory entry and the table entry allow it.
class PageEntry {
public:
    static constexpr uint32_t PRESENT = 1u << 0;
    static constexpr uint32_t WRITABLE = 1u << 1;
    static constexpr uint32_t USER = 1u << 2; // ring 3 may access it
    static constexpr uint32_t WRITE_THROUGH = 1u << 3;
    static constexpr uint32_t CACHE_DISABLE = 1u << 4;
    static constexpr uint32_t ACCESSED = 1u << 5;   // set by the CPU on any access
    static constexpr uint32_t DIRTY = 1u << 6;      // set by the CPU on a write (table entries)
    static constexpr uint32_t LARGE_PAGE = 1u << 7; // directory entry maps 4 MiB (CR4.PSE)
    static constexpr uint32_t GLOBAL = 1u << 8;     // kept in the TLB across CR3 loads (CR4.PGE)
    static constexpr uint32_t FRAME_MASK = 0xFFFFF000;

    constexpr PageEntry() = default;
    constexpr PageEntry(uint32_t frame, uint32_t flags) : m_value((frame & FRAME_MASK) | flags) {}

    constexpr bool is_present() const { return (m_value & PRESENT) != 0; }
    constexpr bool is_writable() const { return (m_value & WRITABLE) != 0; }
    constexpr bool is_user() const { return (m_value & USER) != 0; }
    constexpr bool is_large_page() const { return (m_value & LARGE_PAGE) != 0; }
    constexpr uint32_t frame() const { return m_value & FRAME_MASK; }
    constexpr uint32_t flags() const { return m_value & ~FRAME_MASK; }
    constexpr uint32_t raw() const { return m_value; }

private:
    uint32_t m_value = 0;
};

static_assert(sizeof(PageEntry) == 4, "the CPU reads entries as 32-bit words");

} // namespace arch
