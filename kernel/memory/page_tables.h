// PageTables: reading and changing one page directory and its page tables (map, unmap,
// translate, protect), in the x86 format of arch/paging.h.
//
// The code never assumes where physical memory is visible: it asks a PhysicalMemory to turn a
// frame into a pointer and to allocate or free frames for tables. The kernel answers through
// its direct map of RAM; host tests answer with an array that plays physical memory.
//
// The directory splits at `user_end`. Below it, the tables belong to this directory: they are
// created when a page is first mapped there and freed when their last page is unmapped or the
// directory is destroyed. From `user_end` up, the tables are shared by every directory (the
// kernel half): they are allocated once (preallocate_shared_tables) and never freed here.
//
// Changing a mapping of the active directory also needs a TLB flush; that is the caller's job
// (kernel/memory/address_space.cpp), so this code stays free of CPU instructions.
#pragma once

#include "arch/paging.h"
#include "kernel/memory/physical_range.h"

namespace memory {

// Fills one page with zeros, four bytes per store: libk's memset stores one byte at a time
// (simple to read), which made clearing the 32 pages of a new main stack a third of a spawn's
// instructions (docs/performance.md). `page` must be 4-byte aligned.
inline void clear_page(void* page) {
    auto* words = static_cast<uint32_t*>(page);
    for (size_t index = 0; index < arch::PAGE_BYTES / sizeof(uint32_t); ++index)
        words[index] = 0;
}

class PhysicalMemory {
public:
    virtual void* pointer_to(PhysicalAddress frame) = 0;
    virtual libk::ErrorOr<PhysicalAddress> allocate_frame() = 0;
    virtual void free_frame(PhysicalAddress frame) = 0;

protected:
    ~PhysicalMemory() = default;
};

enum class PageAccess { ReadOnly, ReadWrite };
enum class PageOwner { Kernel, User }; // User: ring 3 may access the page

struct PagePermissions {
    PageAccess access;
    PageOwner owner;
    bool operator==(const PagePermissions&) const = default;
};

constexpr PagePermissions KERNEL_READ_WRITE{PageAccess::ReadWrite, PageOwner::Kernel};
constexpr PagePermissions KERNEL_READ_ONLY{PageAccess::ReadOnly, PageOwner::Kernel};
constexpr PagePermissions USER_READ_WRITE{PageAccess::ReadWrite, PageOwner::User};
constexpr PagePermissions USER_READ_ONLY{PageAccess::ReadOnly, PageOwner::User};

// Where a virtual page leads, and what the CPU allows there (directory and table entry
// combined).
struct Translation {
    PhysicalAddress frame;
    PagePermissions permissions;
};

// What destroy() does with the frames mapped in the owned part.
enum class MappedFrames { Free, Keep };

class PageTables {
public:
    // A new, empty directory (every entry "not present"); OutOfMemory if no frame is left.
    static libk::ErrorOr<PhysicalAddress> create_directory(PhysicalMemory& memory);

    PageTables(PhysicalMemory& memory, PhysicalAddress directory, uintptr_t user_end);

    PhysicalAddress directory() const { return m_directory; }

    // Maps the page at `virtual_address` to `frame`. Both must be page-aligned. Fails with
    // AlreadyMapped, BadAddress (page 0, or a shared table that was never preallocated) or
    // OutOfMemory (no frame for a new table; nothing is changed then).
    libk::ErrorOr<void> map(uintptr_t virtual_address, PhysicalAddress frame,
                            PagePermissions permissions);

    // Removes the mapping and returns the frame it led to (the caller decides whether to free
    // it). Frees the page table if that was its last page (owned part only). NotMapped if none.
    libk::ErrorOr<PhysicalAddress> unmap(uintptr_t virtual_address);

    libk::ErrorOr<void> protect(uintptr_t virtual_address, PagePermissions permissions);

    libk::ErrorOr<Translation> translate(uintptr_t virtual_address) const;

    // Allocates every missing table of the shared part now, so that later mappings there never
    // change the directory: each directory copies these entries once and stays in step.
    libk::ErrorOr<void> preallocate_shared_tables();

    // Makes the shared part of this directory point at the same tables as `source`.
    void share_tables_of(const PageTables& source);

    // Page tables allocated in the owned part (for tests and statistics).
    size_t owned_table_count() const;

    // Frees every table of the owned part (and, with MappedFrames::Free, every frame mapped
    // there), then the directory itself. The object must not be used afterwards.
    void destroy(MappedFrames mapped_frames);

private:
    arch::PageEntry* entries(PhysicalAddress table) const;
    bool is_owned(size_t directory_index) const;
    libk::ErrorOr<arch::PageEntry*> table_for(uintptr_t virtual_address);
    arch::PageEntry* existing_entry(uintptr_t virtual_address) const;
    void free_table_if_empty(size_t directory_index);
    uint32_t directory_flags(size_t directory_index) const;

    PhysicalMemory& m_memory;
    PhysicalAddress m_directory;
    size_t m_first_shared_index; // directory entries from here on are shared, not owned
};

} // namespace memory
