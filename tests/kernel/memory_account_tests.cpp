// Kernel tests of what processes are charged for (kernel/memory/memory_account.h): the limit of
// an account, the reserve of free frames that allocations for programs leave alone, and the
// charges of an address space, a kernel stack, a spawned process and its kernel objects, each
// given back when the thing is freed.
#include "kernel/memory/address_space.h"
#include "kernel/memory/allocation_failure.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_stacks.h"
#include "kernel/memory/layout.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/shared_memory.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/testing/kernel_test.h"
#include "libk/abi/errors.h"
#include "libk/abi/system_calls.h"
#include "libk/abi/types.h"
#include "tests/kernel/program_test_support.h"

using namespace memory;

namespace {

constexpr uint32_t STACK_FRAMES = KERNEL_STACK_SIZE / PAGE_SIZE;

// Takes frames for the kernel until exactly `left` are free, chained through their first word.
PhysicalAddress take_frames_until(uint32_t left) {
    PhysicalAddress chain = 0;
    while (free_frame_count() > left) {
        PhysicalAddress frame = allocate_frame().value();
        *static_cast<PhysicalAddress*>(physical_to_virtual(frame)) = chain;
        chain = frame;
    }
    return chain;
}

void give_back(PhysicalAddress chain) {
    while (chain != 0) {
        PhysicalAddress next = *static_cast<PhysicalAddress*>(physical_to_virtual(chain));
        free_frame(chain);
        chain = next;
    }
}

} // namespace

KERNEL_TEST(an_account_refuses_charges_past_its_limit) {
    MemoryAccount account(9);
    EXPECT(!account.charge_frames(8).is_error());
    EXPECT_EQ(account.charge_frames(2).error(), libk::Error::OutOfMemory);
    EXPECT_EQ(account.charged_frames(), 8u);
    // Heap bytes count in whole pages: 4097 bytes are two pages, one too many.
    EXPECT(!account.charge_bytes(4096).is_error());
    EXPECT_EQ(account.charge_bytes(1).error(), libk::Error::OutOfMemory);
    EXPECT(!account.charge_bytes(0).is_error());
    EXPECT_EQ(account.charged_pages(), 9u);
    account.uncharge_frames(1);
    EXPECT(!account.charge_bytes(1).is_error());
    EXPECT_EQ(account.charged_pages(), 9u);
    EXPECT_EQ(account.charged_bytes(), 4097u);
    account.uncharge_bytes(4097);
    account.uncharge_frames(7);
    EXPECT_EQ(account.charged_pages(), 0u);
}

KERNEL_TEST(frames_for_programs_leave_the_reserve_to_the_kernel) {
    MemoryAccount account(0xFFFFFFFF);
    PhysicalAddress chain = take_frames_until(FRAMES_RESERVED_FOR_THE_KERNEL + 1);
    EXPECT(reserve_allows(1));
    EXPECT(!reserve_allows(2));
    libk::ErrorOr<PhysicalAddress> last = allocate_frame(account);
    EXPECT(!last.is_error());
    EXPECT_EQ(free_frame_count(), FRAMES_RESERVED_FOR_THE_KERNEL);
    EXPECT_EQ(allocate_frame(account).error(), libk::Error::OutOfMemory);
    EXPECT_EQ(allocate_kernel_stack("refused", &account).error(), libk::Error::OutOfMemory);
    EXPECT_EQ(AddressSpace::create(&account).error(), libk::Error::OutOfMemory);
    EXPECT_EQ(account.charge_bytes(16).error(), libk::Error::OutOfMemory); // a heap object
    EXPECT_EQ(account.charged_frames(), 1u);
    // The kernel itself may still take them.
    libk::ErrorOr<PhysicalAddress> kernel = allocate_frame();
    EXPECT(!kernel.is_error());
    free_frame(kernel.value());
    free_frame(last.value(), account);
    EXPECT_EQ(account.charged_frames(), 0u);
    give_back(chain);
}

KERNEL_TEST(an_address_space_charges_its_directory_tables_and_pages) {
    MemoryAccount account(0xFFFFFFFF);
    uint32_t free_before = free_frame_count();
    AddressSpace* space = AddressSpace::create(&account).value();
    EXPECT_EQ(account.charged_frames(), 1u); // the directory
    EXPECT(!space->allocate_page(0x10000000, USER_READ_WRITE).is_error());
    EXPECT_EQ(account.charged_frames(), 3u); // a page table and the page
    EXPECT(!space->allocate_page(0x10001000, USER_READ_WRITE).is_error());
    EXPECT_EQ(account.charged_frames(), 4u);
    // A frame that something else owns is not charged to this space.
    PhysicalAddress shared = allocate_frame().value();
    EXPECT(!space->map(0x20000000, shared, USER_READ_ONLY).is_error());
    EXPECT_EQ(account.charged_frames(), 5u); // only its page table
    EXPECT_EQ(space->unmap_keeping_frame(0x20000000).value(), shared);
    free_frame(shared);
    EXPECT_EQ(account.charged_frames(), 4u);
    EXPECT(!space->unmap(0x10000000).is_error());
    EXPECT_EQ(account.charged_frames(), 3u);
    EXPECT_EQ(account.charged_frames(), free_before - free_frame_count());
    delete space;
    EXPECT_EQ(account.charged_frames(), 0u);
    EXPECT_EQ(free_frame_count(), free_before);
}

KERNEL_TEST(a_limit_stops_an_address_space_at_once) {
    MemoryAccount account(3);
    AddressSpace* space = AddressSpace::create(&account).value();
    EXPECT(!space->allocate_page(0x10000000, USER_READ_WRITE).is_error());
    EXPECT_EQ(space->allocate_page(0x10001000, USER_READ_WRITE).error(), libk::Error::OutOfMemory);
    // A page in another 4 MiB would need a table as well: nothing of it is left behind.
    EXPECT_EQ(space->allocate_page(0x20000000, USER_READ_WRITE).error(), libk::Error::OutOfMemory);
    EXPECT_EQ(space->page_table_count(), 1u);
    EXPECT_EQ(account.charged_frames(), 3u);
    delete space;
    EXPECT_EQ(account.charged_frames(), 0u);
}

KERNEL_TEST(a_kernel_stack_is_charged_by_its_frames) {
    MemoryAccount account(0xFFFFFFFF);
    KernelStack stack = allocate_kernel_stack("charged", &account).value();
    EXPECT_EQ(account.charged_frames(), STACK_FRAMES);
    free_kernel_stack(stack);
    EXPECT_EQ(account.charged_frames(), 0u);
    // A limit below a whole stack: no stack, and no charge left behind.
    MemoryAccount small(STACK_FRAMES - 1);
    EXPECT_EQ(allocate_kernel_stack("too big", &small).error(), libk::Error::OutOfMemory);
    EXPECT_EQ(small.charged_frames(), 0u);
}

KERNEL_TEST(a_spawned_process_is_charged_for_what_it_has) {
    // A program that sleeps: its frames are the directory, the tables, its pages, the kernel
    // stack of its thread; its heap bytes its thread (and the parent, the kernel, pays nothing).
    using namespace program_test;
    ProcessId pid = start_code("charged", system_call_program(SYSCALL_SLEEP_MS, 0x7FFFFFFF));
    uint32_t frames, pages, bytes;
    {
        InterruptGuard guard;
        Process* process = process_table::find(pid);
        EXPECT(process != nullptr);
        MemoryAccount& account = *process->memory_account();
        frames = account.charged_frames();
        bytes = static_cast<uint32_t>(account.charged_bytes());
        pages = process->memory_pages();
        size_t tables = process->address_space().page_table_count();
        EXPECT_EQ(frames, 1 + tables + pages + STACK_FRAMES);
        EXPECT_EQ(account.limit_pages(), default_memory_limit_pages());
        lifecycle::end_process(*process, ABI_WAIT_SIGNALED(ABI_SIGKILL));
    }
    EXPECT(bytes > 0);
    EXPECT(kernel_process().memory_account() == nullptr);
    EXPECT_EQ(wait_for(pid), ABI_WAIT_SIGNALED(ABI_SIGKILL));
}

KERNEL_TEST(shared_memory_is_charged_to_its_creator_while_it_exists) {
    using namespace program_test;
    ProcessId pid = start_code("creator", system_call_program(SYSCALL_SLEEP_MS, 0x7FFFFFFF));
    Process* creator;
    {
        InterruptGuard guard;
        creator = process_table::find(pid);
        creator->add_reference();
    }
    MemoryAccount& account = *creator->memory_account();
    uint32_t frames = account.charged_frames();
    size_t bytes = account.charged_bytes();
    SharedMemory* object = make_charged<SharedMemory>(*creator).value();
    EXPECT_EQ(account.charged_bytes(), bytes + sizeof(SharedMemory));
    {
        MutexLocker locker(object->lock());
        EXPECT(!object->resize(5 * PAGE_SIZE).is_error());
    }
    EXPECT_EQ(account.charged_frames(), frames + 5);
    EXPECT_EQ(account.charged_bytes(), bytes + sizeof(SharedMemory) + 5 * sizeof(PhysicalAddress));
    // The creator ends; the object lives on, and so does its charge, until it goes.
    {
        InterruptGuard guard;
        lifecycle::end_process(*creator, ABI_WAIT_SIGNALED(ABI_SIGKILL));
    }
    EXPECT_EQ(wait_for(pid), ABI_WAIT_SIGNALED(ABI_SIGKILL));
    // Left: the object, and the process's own Process object (charged to itself for good).
    EXPECT_EQ(account.charged_frames(), 5u);
    EXPECT_EQ(account.charged_bytes(),
              sizeof(Process) + sizeof(SharedMemory) + 5 * sizeof(PhysicalAddress));
    object->release();
    EXPECT_EQ(account.charged_frames(), 0u);
    EXPECT_EQ(account.charged_bytes(), sizeof(Process));
    creator->release();
}

KERNEL_TEST_ALONE(memory_limit_comes_from_the_command_line) {
    // memlimit=2 (tests/kernel/command-lines): 2 MiB for each process.
    EXPECT_EQ(default_memory_limit_pages(), 512u);
    using namespace program_test;
    // brk 3 MiB past the program: more than the limit, refused with ENOMEM.
    MachineCode grow = system_call_program(SYSCALL_BRK, 0x00400000 + 3 * 1024 * 1024);
    EXPECT_EQ(wait_for(start_code("grow", grow)), ABI_WAIT_EXITED(exit_status_for_error(ENOMEM)));
    MachineCode small = system_call_program(SYSCALL_BRK, 0x00400000 + 1024 * 1024);
    int32_t status = wait_for(start_code("small", small));
    EXPECT_EQ(status, ABI_WAIT_EXITED(0)); // the new break, 0x500000, in its low byte
}

KERNEL_TEST_ALONE(fail_alloc_from_the_command_line_fails_that_allocation) {
    // fail-alloc=2 (tests/kernel/command-lines), armed as before the first program.
    allocation_failure::arm_from_command_line();
    libk::ErrorOr<PhysicalAddress> first = allocate_frame();
    libk::ErrorOr<PhysicalAddress> second = allocate_frame();
    EXPECT(allocation_failure::has_failed());
    EXPECT(!first.is_error());
    EXPECT_EQ(second.error(), libk::Error::OutOfMemory);
    free_frame(first.value());
}
