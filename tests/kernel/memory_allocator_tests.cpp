// Kernel tests of the allocators as the kernel runs them: physical frames, the heap behind
// new and delete, and kernel stacks with their guard pages; misuse must end in a clear panic.
#include "arch/stack_switch.h"
#include "kernel/memory/address_space.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/memory/kernel_stacks.h"
#include "kernel/memory/layout.h"
#include "kernel/memory/memory_map.h"
#include "kernel/testing/kernel_test.h"
#include "libk/new.h"

using namespace memory;

namespace {

constexpr int FRAMES_TO_TRY = 200;

// Out of line and returned: the compiler may not drop an allocation whose result escapes, as it
// may for a `new` whose result is only compared with nullptr.
[[gnu::noinline]] uint8_t* allocate_bytes(size_t size) {
    return new (std::nothrow) uint8_t[size];
}

bool is_in(PhysicalAddress frame, PhysicalRange range) {
    return frame + PAGE_SIZE > range.start && frame < range.end;
}

} // namespace

KERNEL_TEST(frames_come_from_free_ram_only) {
    uint32_t free_before = free_frame_count();
    PhysicalAddress frames[FRAMES_TO_TRY];
    for (PhysicalAddress& frame : frames) {
        auto result = allocate_frame();
        EXPECT(!result.is_error());
        frame = result.value();
        EXPECT(frame >= 0x100000);                       // never low memory (nor frame 0)
        EXPECT(!is_in(frame, kernel_image_range()));     // never the kernel image
        EXPECT(frame + PAGE_SIZE <= direct_map_bytes()); // always reachable
    }
    EXPECT_EQ(free_frame_count(), free_before - FRAMES_TO_TRY);
    for (int i = 0; i < FRAMES_TO_TRY; ++i) {
        for (int j = i + 1; j < FRAMES_TO_TRY; ++j)
            EXPECT(frames[i] != frames[j]);
    }
    for (PhysicalAddress frame : frames)
        free_frame(frame);
    EXPECT_EQ(free_frame_count(), free_before);
}

KERNEL_TEST_EXPECTING_PANIC(frame_double_free_panics, "double free of physical frame 0x") {
    PhysicalAddress frame = allocate_frame().value();
    free_frame(frame);
    free_frame(frame);
}

KERNEL_TEST_EXPECTING_PANIC(freeing_a_kernel_image_frame_panics,
                            "which the frame allocator never handed out") {
    free_frame(static_cast<PhysicalAddress>(kernel_image_range().start));
}

KERNEL_TEST(running_out_of_frames_is_an_error_value) {
    // Take every frame, see each allocator report the shortage, then give everything back. The
    // taken frames are chained through their own first word (reached by the direct map).
    uint32_t free_before = free_frame_count();
    PhysicalAddress chain = 0;
    size_t count = 0;
    for (auto frame = allocate_frame(); !frame.is_error(); frame = allocate_frame()) {
        *static_cast<PhysicalAddress*>(physical_to_virtual(frame.value())) = chain;
        chain = frame.value();
        count += 1;
    }
    EXPECT_EQ(count, free_before);
    EXPECT_EQ(allocate_frame().error(), libk::Error::OutOfMemory);
    EXPECT_EQ(allocate_kernel_stack("none").error(), libk::Error::OutOfMemory);
    EXPECT_EQ(AddressSpace::create().error(), libk::Error::OutOfMemory);
    size_t more_than_the_heap_has = kernel_heap_statistics().bytes_free + 1;
    EXPECT(allocate_bytes(more_than_the_heap_has) == nullptr);
    while (chain != 0) {
        PhysicalAddress next = *static_cast<PhysicalAddress*>(physical_to_virtual(chain));
        free_frame(chain);
        chain = next;
    }
    EXPECT_EQ(free_frame_count(), free_before);
}

KERNEL_TEST(new_and_delete_use_the_kernel_heap) {
    HeapStatistics before = kernel_heap_statistics();
    auto* numbers = new (std::nothrow) int[100];
    EXPECT(numbers != nullptr);
    for (int i = 0; i < 100; ++i)
        numbers[i] = i;
    EXPECT_EQ(kernel_heap_statistics().bytes_in_use, before.bytes_in_use + 400);
    struct alignas(256) Aligned {
        char bytes[100];
    };
    auto* aligned = new (std::nothrow) Aligned;
    EXPECT(aligned != nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 256, 0u);
    EXPECT(allocate_bytes(KERNEL_HEAP_SIZE + 1) == nullptr); // more than the whole range
    delete aligned;
    EXPECT_EQ(numbers[99], 99);
    delete[] numbers;
    HeapStatistics after = kernel_heap_statistics();
    EXPECT_EQ(after.bytes_in_use, before.bytes_in_use);
    EXPECT_EQ(after.blocks_in_use, before.blocks_in_use);
    check_kernel_heap();
}

KERNEL_TEST_EXPECTING_PANIC(kernel_heap_overflow_is_caught,
                            "kernel heap corrupted: bytes after the requested size were "
                            "overwritten") {
    auto* bytes = new (std::nothrow) char[10];
    EXPECT(bytes != nullptr);
    bytes[10] = 'x'; // one past the end
    delete[] bytes;
}

KERNEL_TEST_EXPECTING_PANIC(kernel_heap_double_free_is_caught, "double free: block freed twice") {
    auto* number = new (std::nothrow) int(5);
    EXPECT(number != nullptr);
    delete number;
    delete number;
}

KERNEL_TEST(kernel_stacks_have_unmapped_guard_pages) {
    uint32_t free_before = free_frame_count();
    size_t stacks_before = kernel_stack_count(); // the scheduler's idle and reaper threads
    auto first = allocate_kernel_stack("first");
    auto second = allocate_kernel_stack("second");
    EXPECT(!first.is_error() && !second.is_error());
    EXPECT_EQ(kernel_stack_count(), stacks_before + 2);
    KernelStack stacks[] = {first.value(), second.value()};
    for (const KernelStack& stack : stacks) {
        EXPECT_EQ(stack.top - stack.bottom, KERNEL_STACK_SIZE);
        EXPECT(kernel_page_tables().translate(stack.bottom - PAGE_SIZE).is_error());
        for (uintptr_t page = stack.bottom; page < stack.top; page += PAGE_SIZE) {
            auto translation = kernel_page_tables().translate(page);
            EXPECT(!translation.is_error());
            EXPECT(translation.value().permissions == KERNEL_READ_WRITE);
            *reinterpret_cast<volatile uint32_t*>(page) = 1; // writable for real
        }
    }
    // Neither overlaps the other or the other's guard page, whichever slot each came from.
    EXPECT(second.value().bottom - PAGE_SIZE >= first.value().top ||
           first.value().bottom - PAGE_SIZE >= second.value().top);
    EXPECT(diagnose_stack_overflow(first.value().bottom - 4) != nullptr);
    EXPECT(diagnose_stack_overflow(first.value().bottom + 4) == nullptr);
    free_kernel_stack(first.value());
    free_kernel_stack(second.value());
    EXPECT(kernel_page_tables().translate(first.value().bottom).is_error());
    EXPECT(diagnose_stack_overflow(first.value().bottom - 4) == nullptr);
    EXPECT_EQ(kernel_stack_count(), stacks_before);
    EXPECT_EQ(free_frame_count(), free_before);
}

namespace {

// Always true; volatile so the compiler cannot see that the recursion never ends.
volatile bool g_keep_going = true;

// Each call takes a few hundred bytes of stack and never returns: it must run into the guard.
[[gnu::noinline]] int recurse_forever(int depth) {
    volatile char frame[200];
    frame[0] = static_cast<char>(depth);
    if (!g_keep_going)
        return frame[0];
    return recurse_forever(depth + 1) + frame[0];
}

void overflow_the_stack(void*) {
    recurse_forever(0);
}

} // namespace

KERNEL_TEST_EXPECTING_PANIC(kernel_stack_overflow_is_named,
                            "double fault: kernel stack overflow in thread 'overflow-test'") {
    auto stack = allocate_kernel_stack("overflow-test");
    EXPECT(!stack.is_error());
    run_on_stack(stack.value().top, overflow_the_stack, nullptr);
}
