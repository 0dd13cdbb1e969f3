// MemoryRegions: the parts of a process's address space that the kernel places at run time,
// between the heap and the main stack: each thread's stack (with its guard page) and each
// mapping of a shared-memory object. The program, the heap and the main stack have fixed places
// (user_layout.h) and are not listed here.
//
// A sorted array of fixed capacity, so finding room and splitting a region never allocates.
// Pure bookkeeping: mapping the pages is the caller's job. Tested on the host.
#pragma once

#include "libk/error_or.h"

class SharedMemory;

enum class RegionKind : uint8_t {
    ThreadStack,  // [start, start + page) is the guard page, never mapped
    SharedMemory, // pages of `object`, from `object_offset` on
};

struct MemoryRegion {
    uintptr_t start; // page-aligned
    uintptr_t end;   // page-aligned, exclusive
    RegionKind kind;
    bool writable;
    SharedMemory* object;   // SharedMemory regions: the object (a reference held by the process)
    uint32_t object_offset; // byte offset of `start` in the object (page-aligned)
};

class MemoryRegions {
public:
    static constexpr size_t CAPACITY = 160;

    // Regions are placed inside [area_start, area_end).
    MemoryRegions(uintptr_t area_start, uintptr_t area_end)
        : m_area_start(area_start), m_area_end(area_end) {}

    // The lowest address in the area where `size` bytes (page multiple) fit between regions;
    // OutOfMemory when there is no such gap.
    libk::ErrorOr<uintptr_t> find_room(size_t size) const;
    // True when [start, end) lies in the area and overlaps no region.
    bool is_free(uintptr_t start, uintptr_t end) const;

    // Adds a region (which must be free): OutOfMemory when the array is full, BadAddress when it
    // is not free or not in the area.
    libk::ErrorOr<void> insert(const MemoryRegion& region);
    // Removes the region at `index` and returns it.
    MemoryRegion remove_at(size_t index);
    // The index of the region containing `address`, or -1.
    int find(uintptr_t address) const;

    size_t count() const { return m_count; }
    const MemoryRegion& at(size_t index) const { return m_regions[index]; }
    bool is_full() const { return m_count == CAPACITY; }

    uintptr_t area_start() const { return m_area_start; }
    uintptr_t area_end() const { return m_area_end; }

private:
    uintptr_t m_area_start;
    uintptr_t m_area_end;
    MemoryRegion m_regions[CAPACITY]; // sorted by start, never overlapping
    size_t m_count = 0;
};
