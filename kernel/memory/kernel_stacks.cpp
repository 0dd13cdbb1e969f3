// See kernel_stacks.h.
#include "kernel/memory/kernel_stacks.h"
#include "kernel/debug/panic.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/interrupts_off.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/memory/layout.h"
#include "libk/format.h"

namespace memory {
namespace {

constexpr uintptr_t SLOT_SIZE = KERNEL_STACK_GUARD_SIZE + KERNEL_STACK_SIZE;
constexpr size_t SLOT_COUNT = KERNEL_STACKS_SIZE / SLOT_SIZE;

// All guarded by disabling interrupts. g_owners[slot] is nullptr for a free slot.
const char* g_owners[SLOT_COUNT];
// The account each live stack's frames are charged to, or nullptr for the kernel's own.
MemoryAccount* g_accounts[SLOT_COUNT];
// Free slot numbers, used as a stack: O(1) to take and to return.
uint16_t g_free_slots[SLOT_COUNT];
size_t g_free_slot_count = 0;
bool g_slots_ready = false;
size_t g_live_stacks = 0;

void prepare_slots() {
    // Pushed from the highest slot down, so the first stack handed out is the lowest.
    for (size_t slot = SLOT_COUNT; slot-- > 0;)
        g_free_slots[g_free_slot_count++] = static_cast<uint16_t>(slot);
    g_slots_ready = true;
}

uintptr_t stack_bottom(size_t slot) {
    return KERNEL_STACKS_BASE + slot * SLOT_SIZE + KERNEL_STACK_GUARD_SIZE;
}

// The slot whose stack starts at `bottom`, or SLOT_COUNT if `bottom` is not a stack bottom.
size_t slot_of(uintptr_t bottom) {
    if (bottom < KERNEL_STACKS_BASE + KERNEL_STACK_GUARD_SIZE)
        return SLOT_COUNT;
    uintptr_t offset = bottom - KERNEL_STACKS_BASE - KERNEL_STACK_GUARD_SIZE;
    size_t slot = offset / SLOT_SIZE;
    return offset % SLOT_SIZE == 0 && slot < SLOT_COUNT ? slot : SLOT_COUNT;
}

void unmap_stack_pages(uintptr_t bottom, size_t mapped_bytes, MemoryAccount* account) {
    for (size_t offset = 0; offset < mapped_bytes; offset += PAGE_SIZE) {
        libk::ErrorOr<PhysicalAddress> frame = unmap_kernel_page(bottom + offset);
        VERIFY(!frame.is_error());
        if (account != nullptr)
            free_frame(frame.value(), *account);
        else
            free_frame(frame.value());
    }
}

libk::ErrorOr<void> map_stack_page(uintptr_t address, MemoryAccount* account) {
    PhysicalAddress frame = TRY(account != nullptr ? allocate_frame(*account) : allocate_frame());
    libk::ErrorOr<void> mapped = map_kernel_page(address, frame, KERNEL_READ_WRITE);
    if (mapped.is_error()) {
        if (account != nullptr)
            free_frame(frame, *account);
        else
            free_frame(frame);
    }
    return mapped;
}

libk::ErrorOr<void> map_stack_pages(uintptr_t bottom, MemoryAccount* account) {
    for (size_t offset = 0; offset < KERNEL_STACK_SIZE; offset += PAGE_SIZE) {
        libk::ErrorOr<void> mapped = map_stack_page(bottom + offset, account);
        if (mapped.is_error()) {
            unmap_stack_pages(bottom, offset, account);
            return mapped.error();
        }
    }
    return {};
}

} // namespace

libk::ErrorOr<KernelStack> allocate_kernel_stack(const char* owner, MemoryAccount* account) {
    InterruptsOff interrupts_off;
    if (!g_slots_ready)
        prepare_slots();
    if (g_free_slot_count == 0)
        return libk::Error::OutOfMemory;
    size_t slot = g_free_slots[--g_free_slot_count];
    uintptr_t bottom = stack_bottom(slot);
    libk::ErrorOr<void> mapped = map_stack_pages(bottom, account);
    if (mapped.is_error()) {
        g_free_slots[g_free_slot_count++] = static_cast<uint16_t>(slot);
        return mapped.error();
    }
    g_owners[slot] = owner != nullptr ? owner : "?";
    g_accounts[slot] = account;
    g_live_stacks += 1;
    return KernelStack{bottom, bottom + KERNEL_STACK_SIZE};
}

void free_kernel_stack(const KernelStack& stack) {
    InterruptsOff interrupts_off;
    size_t slot = slot_of(stack.bottom);
    if (slot == SLOT_COUNT || g_owners[slot] == nullptr ||
        stack.top != stack.bottom + KERNEL_STACK_SIZE)
        panic("free of kernel stack [%#x, %#x), which is not a live kernel stack",
              static_cast<unsigned>(stack.bottom), static_cast<unsigned>(stack.top));
    unmap_stack_pages(stack.bottom, KERNEL_STACK_SIZE, g_accounts[slot]);
    g_owners[slot] = nullptr;
    g_accounts[slot] = nullptr;
    g_free_slots[g_free_slot_count++] = static_cast<uint16_t>(slot);
    g_live_stacks -= 1;
}

void set_kernel_stack_owner(const KernelStack& stack, const char* owner) {
    InterruptsOff interrupts_off;
    size_t slot = slot_of(stack.bottom);
    VERIFY(slot != SLOT_COUNT && g_owners[slot] != nullptr);
    g_owners[slot] = owner != nullptr ? owner : "?";
}

const char* diagnose_stack_overflow(uint32_t stack_pointer) {
    if (stack_pointer < KERNEL_STACKS_BASE ||
        stack_pointer >= KERNEL_STACKS_BASE + SLOT_COUNT * SLOT_SIZE)
        return nullptr;
    size_t slot = (stack_pointer - KERNEL_STACKS_BASE) / SLOT_SIZE;
    // In the guard page, or exactly at the stack's bottom (the push that faulted moves esp
    // down only after its write succeeds).
    if (stack_pointer > stack_bottom(slot) || g_owners[slot] == nullptr)
        return nullptr;
    static char report[96];
    libk::format_buffer(report, sizeof report, "kernel stack overflow in thread '%s'",
                        g_owners[slot]);
    return report;
}

size_t kernel_stack_count() {
    return g_live_stacks;
}

} // namespace memory
