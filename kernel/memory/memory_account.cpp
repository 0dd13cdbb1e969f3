// See memory_account.h.
#include "kernel/memory/memory_account.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/heap.h"
#include "kernel/memory/interrupts_off.h"
#include "kernel/memory/layout.h"

namespace memory {
namespace {

uint32_t g_default_limit_pages = 0xFFFFFFFF; // set at boot; unlimited before

uint32_t pages_of(size_t bytes) {
    return static_cast<uint32_t>((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
}

} // namespace

bool MemoryAccount::fits(uint32_t frames, size_t bytes) const {
    uint64_t pages = uint64_t{frames} + pages_of(bytes);
    return pages <= m_limit_pages;
}

libk::ErrorOr<void> MemoryAccount::charge_frames(uint32_t count) {
    InterruptsOff interrupts_off;
    if (!fits(m_frames + count, m_bytes))
        return libk::Error::OutOfMemory;
    m_frames += count;
    return {};
}

void MemoryAccount::uncharge_frames(uint32_t count) {
    InterruptsOff interrupts_off;
    VERIFY(m_frames >= count);
    m_frames -= count;
}

libk::ErrorOr<void> MemoryAccount::charge_bytes(size_t bytes) {
    InterruptsOff interrupts_off;
    // The heap block may need the heap to grow by a step: its frames are the kernel's own, so
    // a program's objects stop where that growth would reach into the reserve.
    if (!reserve_allows(Heap::GROWTH_STEP / PAGE_SIZE) || !fits(m_frames, m_bytes + bytes))
        return libk::Error::OutOfMemory;
    m_bytes += bytes;
    return {};
}

void MemoryAccount::uncharge_bytes(size_t bytes) {
    InterruptsOff interrupts_off;
    VERIFY(m_bytes >= bytes);
    m_bytes -= bytes;
}

uint32_t MemoryAccount::charged_pages() const {
    return m_frames + pages_of(m_bytes);
}

void set_default_memory_limit(uint32_t pages) {
    g_default_limit_pages = pages;
}

uint32_t default_memory_limit_pages() {
    return g_default_limit_pages;
}

} // namespace memory
