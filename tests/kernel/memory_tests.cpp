// Kernel tests of the memory subsystem on the real MMU: the kernel's own tables, address spaces,
// user copies, kernel pages, and the faults that must be reported rather than crash silently.
// The heap, stack and frame-allocator tests are in memory_allocator_tests.cpp.
#include "arch/cpu.h"
#include "arch/supervisor_protection.h"
#include "kernel/debug/symbols.h"
#include "kernel/memory/address_space.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/memory/layout.h"
#include "kernel/testing/kernel_test.h"
#include "libk/string.h"

using namespace memory;

extern "C" char __kernel_text_start[];
extern "C" char __kernel_virtual_end[];

namespace {

volatile int g_sink; // results go here so the compiler cannot drop a faulting access

const char CONSTANT_TEXT[] = "constants live in .rodata"; // a write to it must fault

constexpr uintptr_t USER_PAGE = 0x400000;

AddressSpace& new_address_space() {
    auto space = AddressSpace::create();
    EXPECT(!space.is_error());
    return *space.value();
}

} // namespace

KERNEL_TEST(kernel_tables_drop_low_memory_and_protect_text) {
    PageTables& kernel = kernel_page_tables();
    EXPECT_EQ(arch::read_cr3(), kernel.directory());
    EXPECT(arch::read_cr0() & (1u << 16)); // CR0.WP: the kernel obeys read-only pages too
    // The boot's identity view of low memory is gone, page 0 included.
    EXPECT(kernel.translate(0).is_error());
    EXPECT(kernel.translate(0x100000).is_error());
    EXPECT_EQ(kernel.owned_table_count(), 0u);
    // The kernel image is in the direct map: text read-only, data writable.
    auto text = kernel.translate(reinterpret_cast<uintptr_t>(__kernel_text_start));
    EXPECT(!text.is_error());
    EXPECT_EQ(text.value().frame, virtual_to_physical(__kernel_text_start));
    EXPECT(text.value().permissions == KERNEL_READ_ONLY);
    auto data = kernel.translate(reinterpret_cast<uintptr_t>(&g_sink));
    EXPECT(!data.is_error());
    EXPECT(data.value().permissions == KERNEL_READ_WRITE);
    // Constants, and the symbol table filled in during boot, are read-only too.
    auto constants = kernel.translate(reinterpret_cast<uintptr_t>(CONSTANT_TEXT));
    EXPECT(!constants.is_error());
    EXPECT(constants.value().permissions == KERNEL_READ_ONLY);
    const char* name = debug::find_symbol(reinterpret_cast<uintptr_t>(&kernel_page_tables)).name;
    EXPECT(name != nullptr);
    auto symbols = kernel.translate(reinterpret_cast<uintptr_t>(name));
    EXPECT(!symbols.is_error());
    EXPECT(symbols.value().permissions == KERNEL_READ_ONLY);
    // Nothing beyond RAM is mapped in the direct map.
    EXPECT(kernel.translate(DIRECT_MAP_BASE + direct_map_bytes()).is_error());
}

KERNEL_TEST(kernel_page_map_unmap_translate_on_the_mmu) {
    // The last page of the heap range: far beyond anything the heap uses in a test.
    constexpr uintptr_t PAGE = KERNEL_HEAP_BASE + KERNEL_HEAP_SIZE - PAGE_SIZE;
    auto frame = allocate_frame();
    EXPECT(!frame.is_error());
    EXPECT(!map_kernel_page(PAGE, frame.value(), KERNEL_READ_WRITE).is_error());
    EXPECT_EQ(map_kernel_page(PAGE, frame.value(), KERNEL_READ_WRITE).error(),
              libk::Error::AlreadyMapped);
    EXPECT_EQ(kernel_page_tables().translate(PAGE + 123).value().frame, frame.value());
    // A write through the new mapping lands in the frame, as seen through the direct map.
    *reinterpret_cast<volatile uint32_t*>(PAGE + 8) = 0x12345678;
    EXPECT_EQ(static_cast<uint32_t*>(physical_to_virtual(frame.value()))[2], 0x12345678u);
    EXPECT_EQ(unmap_kernel_page(PAGE).value(), frame.value());
    EXPECT(kernel_page_tables().translate(PAGE).is_error());
    free_frame(frame.value());
}

KERNEL_TEST(address_space_map_unmap_translate_on_the_mmu) {
    AddressSpace& space = new_address_space();
    EXPECT(!space.allocate_page(USER_PAGE, USER_READ_WRITE).is_error());
    auto translation = space.translate(USER_PAGE);
    EXPECT(!translation.is_error());
    EXPECT(translation.value().permissions == USER_READ_WRITE);
    auto* through_frame = static_cast<uint32_t*>(physical_to_virtual(translation.value().frame));
    EXPECT_EQ(through_frame[0], 0u); // a fresh page is zero-filled

    space.activate();
    EXPECT(space.is_active());
    {
        arch::UserMemoryWindow window; // through its user address: SMAP forbids it otherwise
        *reinterpret_cast<volatile uint32_t*>(USER_PAGE + 4) = 0xCAFE;
    }
    EXPECT_EQ(through_frame[1], 0xCAFEu);
    EXPECT(!space.protect(USER_PAGE, USER_READ_ONLY).is_error());
    EXPECT(space.translate(USER_PAGE).value().permissions == USER_READ_ONLY);
    EXPECT(!space.unmap(USER_PAGE).is_error());
    EXPECT_EQ(space.translate(USER_PAGE).error(), libk::Error::NotMapped);
    EXPECT_EQ(space.page_table_count(), 0u); // the table went with its last page
    // The kernel half is the same in every address space.
    EXPECT_EQ(space.translate(reinterpret_cast<uintptr_t>(&g_sink)).value().frame,
              virtual_to_physical(const_cast<int*>(&g_sink)) & ~(PAGE_SIZE - 1));
    EXPECT_EQ(space.map(0, 0x200000, USER_READ_WRITE).error(), libk::Error::BadAddress);
    EXPECT_EQ(space.map(USER_END, 0x200000, USER_READ_WRITE).error(), libk::Error::BadAddress);
    delete &space; // active: the destructor switches back to the kernel's tables first
    EXPECT_EQ(arch::read_cr3(), kernel_page_tables().directory());
}

// After unmap the TLB must not keep the old translation: the read has to fault.
KERNEL_TEST_EXPECTING_PANIC(unmapped_user_page_faults,
                            "page fault: read at address 0x00400010 (page not present)") {
    AddressSpace& space = new_address_space();
    EXPECT(!space.allocate_page(USER_PAGE, USER_READ_WRITE).is_error());
    space.activate();
    arch::UserMemoryWindow window; // SMAP would stop the first read otherwise
    g_sink = *reinterpret_cast<volatile int*>(USER_PAGE + 16); // now cached in the TLB
    EXPECT(!space.unmap(USER_PAGE).is_error());
    g_sink = *reinterpret_cast<volatile int*>(USER_PAGE + 16);
}

// Each read-only part of the kernel image, written to: the report names the part.
KERNEL_TEST_EXPECTING_PANIC(writing_kernel_text_faults,
                            "kernel wrote to read-only memory (.text): write at address") {
    auto* text = reinterpret_cast<volatile uint8_t*>(__kernel_text_start);
    text[0] = 0xCC;
}

KERNEL_TEST_EXPECTING_PANIC(writing_kernel_constants_faults,
                            "kernel wrote to read-only memory (.rodata): write at address") {
    auto* constant = const_cast<volatile char*>(CONSTANT_TEXT);
    constant[0] = 'C';
}

KERNEL_TEST_EXPECTING_PANIC(writing_the_symbol_table_faults,
                            "kernel wrote to read-only memory (read-only after boot") {
    // The name of a function points into the table's own storage.
    const char* name = debug::find_symbol(reinterpret_cast<uintptr_t>(&kernel_page_tables)).name;
    EXPECT(name != nullptr);
    const_cast<volatile char*>(name)[0] = '?';
}

KERNEL_TEST_EXPECTING_PANIC(null_pointer_write_is_named,
                            "null pointer dereference: write at address 0x00000004") {
    int* volatile pointer = nullptr; // volatile: the compiler must not see that it is null
    pointer[1] = 1;
}

KERNEL_TEST(address_spaces_leave_no_trace) {
    // Pages under three different page tables, two of them sharing one.
    constexpr uintptr_t PAGES[] = {0x1000, 0x2000, 0x08048000, 0xBFFFF000};
    // One round first: the heap grows once and keeps its pages, which is not a leak.
    delete &new_address_space();
    uint32_t free_frames = free_frame_count();
    HeapStatistics heap = kernel_heap_statistics();
    for (int round = 0; round < 1000; ++round) {
        AddressSpace& space = new_address_space();
        for (uintptr_t page : PAGES)
            EXPECT(!space.allocate_page(page, USER_READ_WRITE).is_error());
        uint32_t marker = round;
        EXPECT(!space.copy_to_user(0xBFFFF000, &marker, sizeof marker).is_error());
        EXPECT_EQ(space.page_table_count(), 3u);
        delete &space;
    }
    EXPECT_EQ(free_frame_count(), free_frames);
    HeapStatistics after = kernel_heap_statistics();
    EXPECT_EQ(after.bytes_in_use, heap.bytes_in_use);
    EXPECT_EQ(after.blocks_in_use, heap.blocks_in_use);
    EXPECT_EQ(after.heap_size, heap.heap_size);
    check_kernel_heap();
}
