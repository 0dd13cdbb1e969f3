// See frames.h.
#include "kernel/memory/frames.h"
#include "arch/cpu.h"
#include "kernel/debug/log.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/allocation_failure.h"
#include "kernel/memory/frame_allocator.h"
#include "kernel/memory/interrupts_off.h"
#include "kernel/memory/layout.h"

namespace memory {
namespace {

// Guarded by disabling interrupts (InterruptsOff).
FrameAllocator g_frames;
uint32_t g_lowest_free = 0xFFFFFFFF;
uint32_t (*g_reclaim)() = nullptr;

// Interrupts disabled.
libk::ErrorOr<PhysicalAddress> take_frame() {
    if (allocation_failure::should_fail())
        return libk::Error::OutOfMemory;
    libk::ErrorOr<PhysicalAddress> frame = g_frames.allocate();
    if (g_frames.free_frames() < g_lowest_free)
        g_lowest_free = g_frames.free_frames();
    return frame;
}

void give_back(PhysicalAddress frame) {
    auto result = g_frames.free(frame);
    if (!result.is_error())
        return;
    if (result.error() == libk::Error::DoubleFree)
        panic("double free of physical frame %#010x", frame);
    panic("free of physical frame %#010x, which the frame allocator never handed out (%s)", frame,
          libk::error_description(result.error()));
}

} // namespace

void initialize_frames(MemoryMap& map) {
    uint32_t limit = FrameAllocator::frame_limit(map.usable_ranges(), DIRECT_MAP_SIZE);
    size_t storage_size = FrameAllocator::storage_bytes(limit);
    // The bookkeeping must be reachable now, through the boot page tables.
    auto place = find_free_placement(map.usable_ranges(), map.reserved_ranges(), storage_size,
                                     BOOT_MAPPED_BYTES);
    if (place.is_error())
        panic("no room below %u MiB for the frame allocator's %u KiB of bookkeeping",
              static_cast<unsigned>(BOOT_MAPPED_BYTES >> 20),
              static_cast<unsigned>(storage_size >> 10));
    uint64_t storage = place.value();
    map.add_reserved({storage, storage + storage_size});

    auto result = g_frames.initialize(map.usable_ranges(), map.reserved_ranges(), limit,
                                      physical_to_virtual(storage), storage_size);
    if (result.is_error())
        panic("frame allocator: %s", libk::error_description(result.error()));
    log::debug("memory", "frame allocator: %u frames, %u KiB of bookkeeping at %#x",
               g_frames.total_frames(), static_cast<unsigned>(storage_size >> 10),
               static_cast<unsigned>(storage));
    if (map.highest_usable_address() > DIRECT_MAP_SIZE)
        log::warning("memory", "RAM above %u MiB is not used (it is beyond the direct map)",
                     static_cast<unsigned>(DIRECT_MAP_SIZE >> 20));
}

libk::ErrorOr<PhysicalAddress> allocate_frame() {
    InterruptsOff interrupts_off;
    return take_frame();
}

libk::ErrorOr<PhysicalAddress> allocate_frame(MemoryAccount& account) {
    // Frames that something keeps only in case they are wanted again go before a program is
    // refused; the reclaimer may block (a mutex), so not with interrupts disabled.
    if (g_reclaim != nullptr && !reserve_allows(1) && arch::interrupts_enabled())
        g_reclaim();
    InterruptsOff interrupts_off;
    if (!reserve_allows(1))
        return libk::Error::OutOfMemory;
    TRY(account.charge_frames(1));
    libk::ErrorOr<PhysicalAddress> frame = take_frame();
    if (frame.is_error())
        account.uncharge_frames(1);
    return frame;
}

void free_frame(PhysicalAddress frame) {
    InterruptsOff interrupts_off;
    give_back(frame);
}

void free_frame(PhysicalAddress frame, MemoryAccount& account) {
    InterruptsOff interrupts_off;
    give_back(frame);
    account.uncharge_frames(1);
}

bool reserve_allows(uint32_t count) {
    InterruptsOff interrupts_off;
    return g_frames.free_frames() >= count + FRAMES_RESERVED_FOR_THE_KERNEL;
}

void set_frame_reclaimer(uint32_t (*reclaim)()) {
    g_reclaim = reclaim;
}

uint32_t total_frame_count() {
    return g_frames.total_frames();
}

uint32_t free_frame_count() {
    InterruptsOff interrupts_off;
    return g_frames.free_frames();
}

uint32_t lowest_free_frame_count() {
    InterruptsOff interrupts_off;
    return g_lowest_free < g_frames.free_frames() ? g_lowest_free : g_frames.free_frames();
}

void reset_lowest_free_frame_count() {
    InterruptsOff interrupts_off;
    g_lowest_free = g_frames.free_frames();
}

} // namespace memory
