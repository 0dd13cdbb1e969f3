// See memory_regions.h.
#include "kernel/proc/memory_regions.h"

libk::ErrorOr<uintptr_t> MemoryRegions::find_room(size_t size) const {
    if (size == 0 || size > m_area_end - m_area_start)
        return libk::Error::OutOfMemory;
    uintptr_t candidate = m_area_start;
    for (size_t index = 0; index < m_count; ++index) {
        if (m_regions[index].start - candidate >= size)
            return candidate;
        candidate = m_regions[index].end;
    }
    if (m_area_end - candidate >= size)
        return candidate;
    return libk::Error::OutOfMemory;
}

bool MemoryRegions::is_free(uintptr_t start, uintptr_t end) const {
    if (start >= end || start < m_area_start || end > m_area_end)
        return false;
    for (size_t index = 0; index < m_count; ++index) {
        if (m_regions[index].start < end && start < m_regions[index].end)
            return false;
    }
    return true;
}

libk::ErrorOr<void> MemoryRegions::insert(const MemoryRegion& region) {
    if (!is_free(region.start, region.end))
        return libk::Error::BadAddress;
    if (is_full())
        return libk::Error::OutOfMemory;
    size_t position = 0;
    while (position < m_count && m_regions[position].start < region.start)
        ++position;
    for (size_t index = m_count; index > position; --index)
        m_regions[index] = m_regions[index - 1];
    m_regions[position] = region;
    ++m_count;
    return {};
}

MemoryRegion MemoryRegions::remove_at(size_t index) {
    MemoryRegion removed = m_regions[index];
    for (size_t next = index + 1; next < m_count; ++next)
        m_regions[next - 1] = m_regions[next];
    --m_count;
    return removed;
}

int MemoryRegions::find(uintptr_t address) const {
    for (size_t index = 0; index < m_count; ++index) {
        if (address >= m_regions[index].start && address < m_regions[index].end)
            return static_cast<int>(index);
    }
    return -1;
}
