// See user_memory.h.
#include "kernel/proc/user_memory.h"
#include "kernel/debug/panic.h"
#include "kernel/proc/shared_memory.h"
#include "kernel/proc/user_layout.h"

namespace user_memory {
namespace {

using memory::PAGE_SIZE;
using user_layout::page_round_up;

size_t pages_in(uintptr_t start, uintptr_t end) {
    return (end - start) / PAGE_SIZE;
}

// Maps the object's pages for [region.start, region.end); all or nothing. Memory lock held.
libk::ErrorOr<void> map_object_pages(Process& process, const MemoryRegion& region) {
    memory::PagePermissions permissions =
        region.writable ? memory::USER_READ_WRITE : memory::USER_READ_ONLY;
    size_t first_page = region.object_offset / PAGE_SIZE;
    for (uintptr_t page = region.start; page < region.end; page += PAGE_SIZE) {
        memory::PhysicalAddress frame =
            region.object->frame(first_page + pages_in(region.start, page));
        libk::ErrorOr<void> mapped = process.address_space().map(page, frame, permissions);
        if (mapped.is_error()) {
            for (uintptr_t undo = region.start; undo < page; undo += PAGE_SIZE)
                (void)process.address_space().unmap_keeping_frame(undo);
            process.count_pages(-static_cast<int32_t>(pages_in(region.start, page)));
            return mapped.error();
        }
        process.count_pages(1);
    }
    return {};
}

// The part [start, end) of a shared-memory region, as a region of its own.
MemoryRegion piece_of(const MemoryRegion& region, uintptr_t start, uintptr_t end) {
    MemoryRegion piece = region;
    piece.start = start;
    piece.end = end;
    piece.object_offset = region.object_offset + static_cast<uint32_t>(start - region.start);
    return piece;
}

// Unmaps [start, end) of shared pages without touching the region list. Memory lock held.
void unmap_shared_pages(Process& process, uintptr_t start, uintptr_t end) {
    for (uintptr_t page = start; page < end; page += PAGE_SIZE) {
        if (!process.address_space().unmap_keeping_frame(page).is_error())
            process.count_pages(-1);
    }
}

// Puts back part of a region being cut (there is room: the region itself was just removed).
void keep_piece(Process& process, const MemoryRegion& piece) {
    VERIFY(!process.regions().insert(piece).is_error());
    piece.object->add_reference();
    MutexLocker object_locker(piece.object->lock());
    piece.object->add_mapping();
}

} // namespace

libk::ErrorOr<uintptr_t> map_thread_stack(Process& process) {
    MutexLocker locker(process.memory_lock());
    uintptr_t start = TRY(process.regions().find_room(user_layout::THREAD_STACK_REGION_SIZE));
    MemoryRegion region{start,
                        start + user_layout::THREAD_STACK_REGION_SIZE,
                        RegionKind::ThreadStack,
                        true,
                        nullptr,
                        0};
    TRY(process.regions().insert(region));
    libk::ErrorOr<void> mapped = process.map_new_pages(
        start + PAGE_SIZE, user_layout::THREAD_STACK_SIZE / PAGE_SIZE, memory::USER_READ_WRITE);
    if (mapped.is_error()) {
        process.regions().remove_at(static_cast<size_t>(process.regions().find(start)));
        return mapped.error();
    }
    return start;
}

libk::ErrorOr<uintptr_t> map_shared(Process& process, SharedMemory& object,
                                    const SharedMapping& mapping) {
    // Lock order, everywhere: the process's memory, then the object.
    MutexLocker locker(process.memory_lock());
    MutexLocker object_locker(object.lock());
    if (mapping.offset > page_round_up(object.size()) ||
        mapping.length > page_round_up(object.size()) - mapping.offset)
        return libk::Error::BeyondEnd;
    uintptr_t start = mapping.address;
    if (mapping.address_is_exact) {
        if (!process.regions().is_free(start, start + mapping.length))
            return libk::Error::BadAddress;
    } else if (start == 0 || !process.regions().is_free(start, start + mapping.length)) {
        start = TRY(process.regions().find_room(mapping.length)); // a hint is only a hint
    }
    MemoryRegion region{start,   start + mapping.length, RegionKind::SharedMemory, mapping.writable,
                        &object, mapping.offset};
    TRY(process.regions().insert(region));
    libk::ErrorOr<void> mapped = map_object_pages(process, region);
    if (mapped.is_error()) {
        process.regions().remove_at(static_cast<size_t>(process.regions().find(start)));
        return mapped.error();
    }
    object.add_reference();
    object.add_mapping();
    return start;
}

void unmap_region(Process& process, const MemoryRegion& region) {
    if (region.kind == RegionKind::ThreadStack) {
        process.unmap_pages(region.start + PAGE_SIZE, pages_in(region.start, region.end) - 1);
        return;
    }
    unmap_shared_pages(process, region.start, region.end);
    {
        MutexLocker object_locker(region.object->lock());
        region.object->remove_mapping();
    }
    region.object->release(); // after the lock, which lives in the object
}

libk::ErrorOr<void> unmap_range(Process& process, uintptr_t start, size_t length) {
    uintptr_t end = start + length;
    MutexLocker locker(process.memory_lock());
    MemoryRegions& regions = process.regions();
    for (size_t index = 0; index < regions.count();) {
        MemoryRegion region = regions.at(index);
        if (region.kind != RegionKind::SharedMemory || region.end <= start || region.start >= end) {
            ++index;
            continue;
        }
        bool keeps_head = region.start < start;
        bool keeps_tail = region.end > end;
        if (keeps_head && keeps_tail && regions.is_full())
            return libk::Error::OutOfMemory; // a split needs one more entry
        regions.remove_at(index);
        // Each piece that stays is a mapping of its own, with its own reference; the piece cut
        // out gives up the reference and the mapping the whole region had.
        if (keeps_head)
            keep_piece(process, piece_of(region, region.start, start));
        if (keeps_tail)
            keep_piece(process, piece_of(region, end, region.end));
        unmap_region(process, piece_of(region, keeps_head ? start : region.start,
                                       keeps_tail ? end : region.end));
        // Start over: the list has changed under the index.
        index = 0;
    }
    return {};
}

libk::ErrorOr<uintptr_t> set_break(Process& process, uintptr_t address) {
    MutexLocker locker(process.memory_lock());
    uintptr_t old_end = process.break_end();
    if (address == 0)
        return old_end;
    if (address < process.break_start() || address > user_layout::HEAP_LIMIT)
        return libk::Error::OutOfMemory;
    uintptr_t old_top = page_round_up(old_end);
    uintptr_t new_top = page_round_up(address);
    if (new_top > old_top)
        TRY(process.map_new_pages(old_top, pages_in(old_top, new_top), memory::USER_READ_WRITE));
    else if (new_top < old_top)
        process.unmap_pages(new_top, pages_in(new_top, old_top));
    process.set_break(process.break_start(), address);
    return address;
}

} // namespace user_memory
