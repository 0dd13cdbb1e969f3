// Kernel tests of the program-image cache (kernel/proc/program_images.h): processes running one
// initrd program share the frames of its read-only segments and not those of its data, a write
// to the shared code ends only the process that made it, the frames come back once the last
// process has ended and the cache is emptied (or memory runs short), and a spawn whose image
// load fails leaves nothing behind.
#include "kernel/memory/allocation_failure.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/layout.h"
#include "kernel/proc/elf.h"
#include "kernel/proc/initrd.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/spawn.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/testing/kernel_test.h"
#include "libk/abi/types.h"
#include "libk/string.h"
#include "tests/kernel/program_test_support.h"

using namespace program_test;

namespace {

constexpr const char* PROGRAM = "/tests/faults"; // "bystander" runs until it is killed
const char* const BYSTANDER[] = {"bystander", nullptr};

// The first page of the program's first segment that is (or is not) writable.
uintptr_t first_page_of(bool writable) {
    initrd::File file = initrd::find(PROGRAM).value();
    elf::Executable executable;
    EXPECT(elf::validate_executable(file.data, file.size, executable).valid());
    for (size_t index = 0; index < executable.segment_count; ++index) {
        const elf::LoadSegment& segment = executable.segments[index];
        if (segment.writable == writable)
            return segment.virtual_address & ~(memory::PAGE_SIZE - 1);
    }
    EXPECT(false);
    return 0;
}

memory::PhysicalAddress frame_at(ProcessId pid, uintptr_t address) {
    InterruptGuard guard;
    Process* process = process_table::find(pid);
    EXPECT(process != nullptr);
    libk::ErrorOr<memory::Translation> translation = process->address_space().translate(address);
    EXPECT(!translation.is_error());
    return translation.value().frame;
}

ProgramImage* image_of(ProcessId pid) {
    InterruptGuard guard;
    Process* process = process_table::find(pid);
    EXPECT(process != nullptr);
    return process->program_image();
}

void kill_and_wait(ProcessId pid) {
    {
        InterruptGuard guard;
        Process* process = process_table::find(pid);
        EXPECT(process != nullptr);
        lifecycle::end_process(*process, ABI_WAIT_SIGNALED(ABI_SIGKILL));
    }
    EXPECT_EQ(wait_for(pid), ABI_WAIT_SIGNALED(ABI_SIGKILL));
}

} // namespace

KERNEL_TEST(processes_of_one_program_share_code_frames_not_data) {
    ProcessId first = start(PROGRAM, BYSTANDER);
    ProcessId second = start(PROGRAM, BYSTANDER);
    uintptr_t code = first_page_of(false);
    uintptr_t data = first_page_of(true);
    EXPECT_EQ(frame_at(first, code), frame_at(second, code));
    EXPECT(frame_at(first, data) != frame_at(second, data));
    ProgramImage* image = image_of(first);
    EXPECT(image != nullptr);
    EXPECT(image == image_of(second));
    EXPECT_EQ(image->users, 2u);
    // The shared page is read-only for the program.
    {
        InterruptGuard guard;
        memory::Translation translation =
            process_table::find(first)->address_space().translate(code).value();
        EXPECT(translation.permissions.access == memory::PageAccess::ReadOnly);
    }
    kill_and_wait(first);
    EXPECT_EQ(image->users, 1u);
    kill_and_wait(second);
}

KERNEL_TEST(a_write_to_shared_code_ends_only_its_writer) {
    ProcessId bystander = start(PROGRAM, BYSTANDER);
    const char* const write_code[] = {"fault", "write-code", nullptr};
    ProcessId writer = start(PROGRAM, write_code);
    EXPECT_EQ(wait_for(writer), ABI_WAIT_SIGNALED(ABI_SIGSEGV));
    // The bystander still runs, and the code it shares is still the program's.
    uintptr_t code = first_page_of(false);
    memory::PhysicalAddress frame = frame_at(bystander, code);
    initrd::File file = initrd::find(PROGRAM).value();
    elf::Executable executable;
    EXPECT(elf::validate_executable(file.data, file.size, executable).valid());
    const elf::LoadSegment& segment = executable.segments[0];
    EXPECT(!segment.writable && segment.virtual_address == code);
    size_t length = segment.file_size < memory::PAGE_SIZE ? segment.file_size : memory::PAGE_SIZE;
    EXPECT_EQ(memcmp(memory::physical_to_virtual(frame), file.data + segment.file_offset, length),
              0);
    {
        InterruptGuard guard;
        Process* process = process_table::find(bystander);
        EXPECT(process != nullptr && process->state() == ProcessState::Running);
    }
    kill_and_wait(bystander);
}

KERNEL_TEST(shared_frames_come_back_when_the_cache_is_emptied) {
    program_images::drop_unused();
    uint32_t free_before = memory::free_frame_count();
    ProcessId first = start(PROGRAM, BYSTANDER);
    ProcessId second = start(PROGRAM, BYSTANDER);
    ProgramImage* image = image_of(first);
    uint32_t image_frames = image->page_count();
    EXPECT(image_frames > 0);
    kill_and_wait(first);
    kill_and_wait(second);
    // Both have ended: the image is kept for the next spawn, with no user.
    EXPECT_EQ(image->users, 0u);
    EXPECT(program_images::unused_frame_count() >= image_frames);
    // The next spawn of the program finds it.
    ProcessId third = start(PROGRAM, BYSTANDER);
    EXPECT(image_of(third) == image);
    kill_and_wait(third);
    EXPECT(program_images::drop_unused() >= image_frames);
    EXPECT_EQ(program_images::unused_frame_count(), 0u);
    // The kernel stacks go a moment after wait (the reaper); then every frame is back.
    for (uint32_t waited = 0; waited < 2000 && memory::free_frame_count() != free_before;
         waited += 10)
        this_thread::sleep_ms(10);
    EXPECT_EQ(memory::free_frame_count(), free_before);
}

KERNEL_TEST(unused_images_are_given_back_before_a_frame_is_refused) {
    program_images::drop_unused();
    EXPECT_EQ(wait_for(start("/bench/empty", nullptr)), ABI_WAIT_EXITED(0));
    uint32_t cached = program_images::unused_frame_count();
    EXPECT(cached > 0);
    // Take frames for the kernel until a program's next frame would reach into the reserve.
    memory::PhysicalAddress chain = 0;
    while (memory::free_frame_count() > memory::FRAMES_RESERVED_FOR_THE_KERNEL) {
        memory::PhysicalAddress frame = memory::allocate_frame().value();
        *static_cast<memory::PhysicalAddress*>(memory::physical_to_virtual(frame)) = chain;
        chain = frame;
    }
    memory::MemoryAccount account(16);
    libk::ErrorOr<memory::PhysicalAddress> frame = memory::allocate_frame(account);
    EXPECT(!frame.is_error());
    EXPECT_EQ(program_images::unused_frame_count(), 0u);
    memory::free_frame(frame.value(), account);
    while (chain != 0) {
        memory::PhysicalAddress next =
            *static_cast<memory::PhysicalAddress*>(memory::physical_to_virtual(chain));
        memory::free_frame(chain);
        chain = next;
    }
}

KERNEL_TEST(allocation_failures_while_loading_an_image_are_clean) {
    namespace failure = memory::allocation_failure;
    uint32_t n = 1;
    for (;; ++n) {
        EXPECT(n <= 200);
        program_images::drop_unused(); // a cold cache: this spawn loads the image
        uint32_t free_before = memory::free_frame_count();
        ProgramArguments arguments;
        EXPECT(!arguments.add("empty").is_error());
        failure::fail_nth(n);
        libk::ErrorOr<ProcessId> pid =
            process_spawn::spawn(kernel_process(), "/bench/empty", arguments);
        bool failed = failure::has_failed();
        failure::disarm();
        if (pid.is_error())
            EXPECT_EQ(pid.error(), libk::Error::OutOfMemory);
        else
            EXPECT_EQ(wait_for(pid.value()), ABI_WAIT_EXITED(0));
        program_images::drop_unused();
        for (uint32_t waited = 0; waited < 2000 && memory::free_frame_count() != free_before;
             waited += 10)
            this_thread::sleep_ms(10);
        EXPECT_EQ(memory::free_frame_count(), free_before);
        EXPECT_EQ(program_images::image_count(), 0u);
        if (!failed) {
            EXPECT(!pid.is_error());
            break;
        }
    }
    EXPECT(n > 5);
}
