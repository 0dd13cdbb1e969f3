// See address_space.h. The user-copy functions are in user_copy.cpp.
#include "kernel/memory/address_space.h"
#include "arch/mmu.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/memory/layout.h"
#include "libk/new.h"

namespace memory {
namespace {

bool is_user_page(uintptr_t virtual_address) {
    return virtual_address >= USER_START && virtual_address < USER_END;
}

} // namespace

void* AddressSpace::ChargedPhysicalMemory::pointer_to(PhysicalAddress frame) {
    return kernel_physical_memory().pointer_to(frame);
}

libk::ErrorOr<PhysicalAddress> AddressSpace::ChargedPhysicalMemory::allocate_frame() {
    return m_account != nullptr ? memory::allocate_frame(*m_account) : memory::allocate_frame();
}

void AddressSpace::ChargedPhysicalMemory::free_frame(PhysicalAddress frame) {
    if (m_account != nullptr)
        memory::free_frame(frame, *m_account);
    else
        memory::free_frame(frame);
}

libk::ErrorOr<AddressSpace*> AddressSpace::create(MemoryAccount* account) {
    ChargedPhysicalMemory memory(account);
    PhysicalAddress directory = TRY(PageTables::create_directory(memory));
    auto* space = new (std::nothrow) AddressSpace(memory, directory);
    if (space == nullptr) {
        memory.free_frame(directory);
        return libk::Error::OutOfMemory;
    }
    return space;
}

AddressSpace::AddressSpace(ChargedPhysicalMemory memory, PhysicalAddress directory)
    : m_memory(memory), m_tables(m_memory, directory, USER_END) {
    m_tables.share_tables_of(kernel_page_tables());
}

AddressSpace::~AddressSpace() {
    // The CPU must not be left walking a directory that is about to be freed.
    if (is_active())
        activate_kernel_page_tables();
    m_tables.destroy(MappedFrames::Free);
}

libk::ErrorOr<void> AddressSpace::map(uintptr_t virtual_address, PhysicalAddress frame,
                                      PagePermissions permissions) {
    if (!is_user_page(virtual_address))
        return libk::Error::BadAddress;
    // A new mapping needs no TLB flush: the CPU does not cache "not present".
    return m_tables.map(virtual_address, frame, permissions);
}

libk::ErrorOr<void> AddressSpace::allocate_page(uintptr_t virtual_address,
                                                PagePermissions permissions) {
    if (!is_user_page(virtual_address))
        return libk::Error::BadAddress;
    PhysicalAddress frame = TRY(m_memory.allocate_frame());
    clear_page(physical_to_virtual(frame));
    libk::ErrorOr<void> mapped = map(virtual_address, frame, permissions);
    if (mapped.is_error())
        m_memory.free_frame(frame);
    return mapped;
}

libk::ErrorOr<void> AddressSpace::unmap(uintptr_t virtual_address) {
    if (!is_user_page(virtual_address))
        return libk::Error::BadAddress;
    PhysicalAddress frame = TRY(m_tables.unmap(virtual_address));
    flush_if_active(virtual_address);
    m_memory.free_frame(frame);
    return {};
}

libk::ErrorOr<PhysicalAddress> AddressSpace::unmap_keeping_frame(uintptr_t virtual_address) {
    if (!is_user_page(virtual_address))
        return libk::Error::BadAddress;
    PhysicalAddress frame = TRY(m_tables.unmap(virtual_address));
    flush_if_active(virtual_address);
    return frame;
}

libk::ErrorOr<void> AddressSpace::protect(uintptr_t virtual_address, PagePermissions permissions) {
    if (!is_user_page(virtual_address))
        return libk::Error::BadAddress;
    TRY(m_tables.protect(virtual_address, permissions));
    flush_if_active(virtual_address);
    return {};
}

libk::ErrorOr<Translation> AddressSpace::translate(uintptr_t virtual_address) const {
    return m_tables.translate(virtual_address);
}

void AddressSpace::activate() {
    arch::load_page_directory(directory());
}

bool AddressSpace::is_active() const {
    return (arch::active_page_directory() & ~(PAGE_SIZE - 1)) == directory();
}

// Only the active directory's translations can be in the TLB.
void AddressSpace::flush_if_active(uintptr_t virtual_address) {
    if (is_active())
        arch::invalidate_page(virtual_address);
}

} // namespace memory
