// AddressSpace: the memory a process owns. It owns a page directory whose user half
// (below USER_END) is private and whose kernel half points at the kernel's shared tables, so
// kernel mappings look the same from every address space and never need to be copied again.
//
// Every frame mapped in the user half belongs to the address space: unmap() and the destructor
// return them to the frame allocator, together with the page tables and the directory.
//
// An address space made for a program has the program's MemoryAccount: every frame it
// allocates (the directory, page tables, pages of allocate_page) is charged to that account and
// may not take the kernel's reserve (frames.h), and the charge goes back when the frame is
// freed. Frames mapped with map() belong to someone else and are not charged here.
//
// The copy functions are how the kernel reads and writes user memory: they check the whole
// range first (below USER_END, mapped, user-accessible, writable for writes; no wrap-around)
// and report BadAddress instead of faulting. They copy through the direct map, so they work
// on any address space, active or not. Callers must keep other threads of the process from
// unmapping pages during a copy: a process's memory lock (Process::memory_lock()) does that.
#pragma once

#include "kernel/memory/memory_account.h"
#include "kernel/memory/page_tables.h"

namespace memory {

class AddressSpace {
public:
    // A new address space with an empty user half; OutOfMemory when no frame or heap is left
    // (or the account's limit is reached). The caller owns the result and deletes it. Without
    // an account, its frames are the kernel's own (kernel tests).
    static libk::ErrorOr<AddressSpace*> create(MemoryAccount* account = nullptr);
    ~AddressSpace();
    AddressSpace(const AddressSpace&) = delete;
    AddressSpace& operator=(const AddressSpace&) = delete;

    // Maps `frame`, which something else owns (a shared-memory object), at the user page
    // `virtual_address`; it must be taken out with unmap_keeping_frame. BadAddress outside
    // [USER_START, USER_END).
    libk::ErrorOr<void> map(uintptr_t virtual_address, PhysicalAddress frame,
                            PagePermissions permissions);
    // Maps a fresh zero-filled frame at `virtual_address`.
    libk::ErrorOr<void> allocate_page(uintptr_t virtual_address, PagePermissions permissions);
    // Removes the page and frees its frame.
    libk::ErrorOr<void> unmap(uintptr_t virtual_address);
    // Removes the page but leaves its frame alone, and returns it: for a frame that something
    // else owns (a shared-memory object mapped into several address spaces). Such pages must be
    // taken out this way before the address space is destroyed, which frees every mapped frame.
    libk::ErrorOr<PhysicalAddress> unmap_keeping_frame(uintptr_t virtual_address);
    libk::ErrorOr<void> protect(uintptr_t virtual_address, PagePermissions permissions);
    libk::ErrorOr<Translation> translate(uintptr_t virtual_address) const;

    // Copies between kernel memory and user addresses [user, user + size) of this space.
    libk::ErrorOr<void> copy_from_user(void* destination, uintptr_t user_source, size_t size) const;
    libk::ErrorOr<void> copy_to_user(uintptr_t user_destination, const void* source, size_t size);
    // Copies a NUL-terminated string of at most capacity - 1 characters and terminates it.
    // Returns its length; TooLong if no NUL came within the capacity (the buffer then holds
    // the first capacity - 1 characters), BadAddress for an unreadable byte before the NUL.
    libk::ErrorOr<size_t> copy_string_from_user(char* destination, uintptr_t user_source,
                                                size_t capacity) const;

    // Checks that every byte of [user, user + size) could be copied now (the checks of the copy
    // functions, without copying): BadAddress otherwise. For calls that must refuse a bad buffer
    // before they start doing anything (a console write that would stop half-way).
    enum class Access { Read, Write };
    libk::ErrorOr<void> check_user_range(uintptr_t user, size_t size, Access access) const;

    // Loads this address space's directory into CR3.
    void activate();
    bool is_active() const;
    PhysicalAddress directory() const { return m_tables.directory(); }
    // Page tables of the user half (for statistics and tests).
    size_t page_table_count() const { return m_tables.owned_table_count(); }

    // The account its frames are charged to, or nullptr.
    MemoryAccount* account() const { return m_memory.account(); }

private:
    // Frames for this address space: charged to the account when there is one.
    class ChargedPhysicalMemory final : public PhysicalMemory {
    public:
        explicit ChargedPhysicalMemory(MemoryAccount* account) : m_account(account) {}
        void* pointer_to(PhysicalAddress frame) override;
        libk::ErrorOr<PhysicalAddress> allocate_frame() override;
        void free_frame(PhysicalAddress frame) override;
        MemoryAccount* account() const { return m_account; }

    private:
        MemoryAccount* m_account;
    };

    AddressSpace(ChargedPhysicalMemory memory, PhysicalAddress directory);

    // The kernel pointer to user byte `user`, if `access` to its page is allowed.
    libk::ErrorOr<uint8_t*> user_byte(uintptr_t user, Access access) const;
    void flush_if_active(uintptr_t virtual_address);

    ChargedPhysicalMemory m_memory; // before m_tables, which uses it
    PageTables m_tables;
};

} // namespace memory
