// Mappings for the gdb test of kpt (tests/gdb/kpt_agrees_with_the_kernel.sh): the kernel prints
// where a user page and a kernel heap block lead, stops at a checkpoint with the user page's
// address space active, and gdb walks the same tables from CR3 and must find the same frames.
#include "kernel/console/console.h"
#include "kernel/memory/address_space.h"
#include "kernel/memory/kernel_page_tables.h"
#include "kernel/testing/kernel_test.h"
#include "tests/kernel/debugger_checkpoint.h"

using namespace memory;

KERNEL_TEST(debugger_sees_user_and_heap_mappings) {
    constexpr uintptr_t USER_PAGE = 0x08048000;
    auto created = AddressSpace::create();
    EXPECT(!created.is_error());
    AddressSpace& space = *created.value();
    EXPECT(!space.allocate_page(USER_PAGE, USER_READ_WRITE).is_error());
    auto user = space.translate(USER_PAGE);
    EXPECT(!user.is_error());
    EXPECT(user.value().permissions == USER_READ_WRITE);

    // A heap block: the heap is mapped page by page, so its frames are not at a fixed offset.
    auto* block = new uint32_t[16];
    EXPECT(block != nullptr);
    auto heap = kernel_page_tables().translate(reinterpret_cast<uintptr_t>(block));
    EXPECT(!heap.is_error());

    console::print("debugger: directory 0x%08x\n", static_cast<unsigned>(space.directory()));
    console::print("debugger: user page 0x%08x -> frame 0x%08x\n", static_cast<unsigned>(USER_PAGE),
                   static_cast<unsigned>(user.value().frame));
    console::print("debugger: heap block %p -> frame 0x%08x\n", static_cast<void*>(block),
                   static_cast<unsigned>(heap.value().frame));
    space.activate();
    debugger_checkpoint("user and heap mappings");

    delete[] block;
    delete &space; // active: the destructor loads the kernel's own directory first
}
