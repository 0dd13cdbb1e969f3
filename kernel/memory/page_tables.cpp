// See page_tables.h.
#include "kernel/memory/page_tables.h"

namespace memory {
namespace {

using arch::PAGE_BYTES;
using arch::PAGE_TABLE_ENTRIES;
using arch::PageEntry;

uint32_t table_entry_flags(PagePermissions permissions) {
    uint32_t flags = PageEntry::PRESENT;
    if (permissions.access == PageAccess::ReadWrite)
        flags |= PageEntry::WRITABLE;
    if (permissions.owner == PageOwner::User)
        flags |= PageEntry::USER;
    return flags;
}

libk::ErrorOr<PhysicalAddress> allocate_zeroed_frame(PhysicalMemory& memory) {
    PhysicalAddress frame = TRY(memory.allocate_frame());
    clear_page(memory.pointer_to(frame));
    return frame;
}

} // namespace

libk::ErrorOr<PhysicalAddress> PageTables::create_directory(PhysicalMemory& memory) {
    return allocate_zeroed_frame(memory);
}

PageTables::PageTables(PhysicalMemory& memory, PhysicalAddress directory, uintptr_t user_end)
    : m_memory(memory), m_directory(directory),
      m_first_shared_index(user_end == 0 ? PAGE_TABLE_ENTRIES : arch::directory_index(user_end)) {}

PageEntry* PageTables::entries(PhysicalAddress table) const {
    return static_cast<PageEntry*>(m_memory.pointer_to(table));
}

bool PageTables::is_owned(size_t directory_index) const {
    return directory_index < m_first_shared_index;
}

// Owned tables let the table entries decide: the directory entry allows everything. Shared
// (kernel) tables are closed to ring 3 as a whole.
uint32_t PageTables::directory_flags(size_t directory_index) const {
    uint32_t flags = PageEntry::PRESENT | PageEntry::WRITABLE;
    return is_owned(directory_index) ? flags | PageEntry::USER : flags;
}

// The table for `virtual_address`, created if it is in the owned part and missing.
libk::ErrorOr<PageEntry*> PageTables::table_for(uintptr_t virtual_address) {
    size_t index = arch::directory_index(virtual_address);
    PageEntry& directory_entry = entries(m_directory)[index];
    if (directory_entry.is_present())
        return entries(directory_entry.frame());
    if (!is_owned(index))
        return libk::Error::BadAddress;
    PhysicalAddress table = TRY(allocate_zeroed_frame(m_memory));
    directory_entry = PageEntry(table, directory_flags(index));
    return entries(table);
}

PageEntry* PageTables::existing_entry(uintptr_t virtual_address) const {
    PageEntry directory_entry = entries(m_directory)[arch::directory_index(virtual_address)];
    if (!directory_entry.is_present())
        return nullptr;
    PageEntry* entry = &entries(directory_entry.frame())[arch::table_index(virtual_address)];
    return entry->is_present() ? entry : nullptr;
}

libk::ErrorOr<void> PageTables::map(uintptr_t virtual_address, PhysicalAddress frame,
                                    PagePermissions permissions) {
    if (virtual_address % PAGE_BYTES != 0 || frame % PAGE_BYTES != 0)
        return libk::Error::InvalidArgument;
    if (virtual_address < PAGE_BYTES)
        return libk::Error::BadAddress; // page 0 stays unmapped so null pointers fault
    if (existing_entry(virtual_address) != nullptr)
        return libk::Error::AlreadyMapped;
    PageEntry* table = TRY(table_for(virtual_address));
    table[arch::table_index(virtual_address)] = PageEntry(frame, table_entry_flags(permissions));
    return {};
}

libk::ErrorOr<PhysicalAddress> PageTables::unmap(uintptr_t virtual_address) {
    PageEntry* entry = existing_entry(virtual_address);
    if (entry == nullptr)
        return libk::Error::NotMapped;
    PhysicalAddress frame = entry->frame();
    *entry = PageEntry();
    free_table_if_empty(arch::directory_index(virtual_address));
    return frame;
}

void PageTables::free_table_if_empty(size_t directory_index) {
    if (!is_owned(directory_index))
        return;
    PageEntry& directory_entry = entries(m_directory)[directory_index];
    PageEntry* table = entries(directory_entry.frame());
    for (size_t i = 0; i < PAGE_TABLE_ENTRIES; ++i) {
        if (table[i].is_present())
            return;
    }
    PhysicalAddress table_frame = directory_entry.frame();
    directory_entry = PageEntry();
    m_memory.free_frame(table_frame);
}

libk::ErrorOr<void> PageTables::protect(uintptr_t virtual_address, PagePermissions permissions) {
    PageEntry* entry = existing_entry(virtual_address);
    if (entry == nullptr)
        return libk::Error::NotMapped;
    *entry = PageEntry(entry->frame(), table_entry_flags(permissions));
    return {};
}

libk::ErrorOr<Translation> PageTables::translate(uintptr_t virtual_address) const {
    PageEntry directory_entry = entries(m_directory)[arch::directory_index(virtual_address)];
    PageEntry* entry = existing_entry(virtual_address);
    if (entry == nullptr)
        return libk::Error::NotMapped;
    bool writable = directory_entry.is_writable() && entry->is_writable();
    bool user = directory_entry.is_user() && entry->is_user();
    PagePermissions permissions{writable ? PageAccess::ReadWrite : PageAccess::ReadOnly,
                                user ? PageOwner::User : PageOwner::Kernel};
    return Translation{entry->frame(), permissions};
}

libk::ErrorOr<void> PageTables::preallocate_shared_tables() {
    for (size_t index = m_first_shared_index; index < PAGE_TABLE_ENTRIES; ++index) {
        PageEntry& directory_entry = entries(m_directory)[index];
        if (directory_entry.is_present())
            continue;
        PhysicalAddress table = TRY(allocate_zeroed_frame(m_memory));
        directory_entry = PageEntry(table, directory_flags(index));
    }
    return {};
}

void PageTables::share_tables_of(const PageTables& source) {
    PageEntry* target = entries(m_directory);
    PageEntry* shared = entries(source.m_directory);
    for (size_t index = m_first_shared_index; index < PAGE_TABLE_ENTRIES; ++index)
        target[index] = shared[index];
}

size_t PageTables::owned_table_count() const {
    size_t count = 0;
    for (size_t index = 0; index < m_first_shared_index; ++index)
        count += entries(m_directory)[index].is_present() ? 1 : 0;
    return count;
}

void PageTables::destroy(MappedFrames mapped_frames) {
    PageEntry* directory = entries(m_directory);
    for (size_t index = 0; index < m_first_shared_index; ++index) {
        if (!directory[index].is_present())
            continue;
        PageEntry* table = entries(directory[index].frame());
        for (size_t i = 0; mapped_frames == MappedFrames::Free && i < PAGE_TABLE_ENTRIES; ++i) {
            if (table[i].is_present())
                m_memory.free_frame(table[i].frame());
        }
        m_memory.free_frame(directory[index].frame());
        directory[index] = PageEntry();
    }
    m_memory.free_frame(m_directory);
    m_directory = 0;
}

} // namespace memory
