// Processes from the outside: programs of the initrd run, print, and end with the status they
// chose; spawning refuses what it cannot run; and a process that ends, however it ends, gives
// back every frame and every byte of kernel heap it took.
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/spawn.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/abi/types.h"
#include "libk/string.h"
#include "tests/kernel/program_test_support.h"

using namespace program_test;

namespace {

struct MemoryFigures {
    uint32_t free_frames;
    size_t heap_bytes;
    size_t heap_blocks;
};

MemoryFigures memory_now() {
    program_images::drop_unused(); // what ended programs left in the cache is not a leak
    memory::HeapStatistics heap = memory::kernel_heap_statistics();
    return {memory::free_frame_count(), heap.bytes_in_use, heap.blocks_in_use};
}

int32_t run(const char* path, const char* const* arguments, OutputCapture* output) {
    return wait_for(start(path, arguments, output));
}

OutputCapture* new_capture() {
    auto* capture = new (std::nothrow) OutputCapture;
    EXPECT(capture != nullptr);
    return capture;
}

// Programs that end in every way there is: exit, a fault, a kill while it waits.
void run_programs_that_end_every_way() {
    OutputCapture* output = new_capture();
    const char* const hello_arguments[] = {"one", nullptr};
    EXPECT_EQ(run("/bin/hello", hello_arguments, output), ABI_WAIT_EXITED(0));
    EXPECT_EQ(run("/tests/cxx_runtime", nullptr, output), ABI_WAIT_EXITED(0));
    EXPECT_EQ(run("/tests/library", nullptr, output), ABI_WAIT_EXITED(0));
    const uint8_t write_to_kernel[] = {0xC7, 0x05, 0x00, 0x00, 0x00, 0xC0, 1, 0, 0, 0};
    EXPECT_EQ(wait_for(start_code("fault", CodeBuilder().bytes(write_to_kernel).code(), output)),
              ABI_WAIT_SIGNALED(ABI_SIGSEGV));
    output->release();
}

} // namespace

KERNEL_TEST(hello_prints_its_arguments_and_exits_with_0) {
    OutputCapture* output = new_capture();
    const char* const arguments[] = {"first", "second word", nullptr};
    EXPECT_EQ(run("/bin/hello", arguments, output), ABI_WAIT_EXITED(0));
    const char* expected = "Hello from user space! I am /bin/hello with 2 arguments.\n"
                           "  argv[1] = \"first\"\n"
                           "  argv[2] = \"second word\"\n";
    if (strcmp(output->text(), expected) != 0)
        testing::fail(__FILE__, __LINE__, "hello printed \"%s\"", output->text());
    output->release();
}

KERNEL_TEST(exit_status_reaches_the_parent) {
    CodeBuilder program;
    program.move(Register::Ebx, 7).move(Register::Eax, SYSCALL_EXIT).system_call();
    EXPECT_EQ(wait_for(start_code("exit7", program.code())), ABI_WAIT_EXITED(7));
    // Only the low byte of the status counts, as on Linux.
    CodeBuilder large;
    large.move(Register::Ebx, 0x1234).move(Register::Eax, SYSCALL_EXIT).system_call();
    EXPECT_EQ(wait_for(start_code("exit0x1234", large.code())), ABI_WAIT_EXITED(0x34));
}

KERNEL_TEST(spawn_refuses_what_it_cannot_run) {
    ProgramArguments* arguments = new (std::nothrow) ProgramArguments;
    EXPECT(arguments != nullptr && !arguments->add("x").is_error());
    libk::ErrorOr<ProcessId> missing =
        process_spawn::spawn(kernel_process(), "/bin/no-such-program", *arguments);
    EXPECT(missing.is_error() && missing.error() == libk::Error::NoSuchFile);
    libk::ErrorOr<ProcessId> folder = process_spawn::spawn(kernel_process(), "/bin", *arguments);
    EXPECT(folder.is_error() && folder.error() == libk::Error::AccessDenied);
    static const uint8_t not_elf[] = "#!/bin/sh\necho this is a script, not a program\n";
    libk::ErrorOr<ProcessId> script =
        process_spawn::spawn_image(kernel_process(), "script", not_elf, sizeof not_elf, *arguments);
    EXPECT(script.is_error() && script.error() == libk::Error::NotExecutable);
    delete arguments;
    EXPECT_EQ(process_table::count(), 0u); // nothing half-made was left behind
}

KERNEL_TEST(waiting_for_a_child_that_is_not_there_is_an_error) {
    int32_t status;
    libk::ErrorOr<ProcessId> none = lifecycle::wait_for_child(kernel_process(), -1, false, status);
    EXPECT(none.is_error() && none.error() == libk::Error::NoChild);
    ProcessId pid = start("/bin/hello", nullptr);
    EXPECT_EQ(wait_for(pid), ABI_WAIT_EXITED(0));
    libk::ErrorOr<ProcessId> twice =
        lifecycle::wait_for_child(kernel_process(), pid, false, status);
    EXPECT(twice.is_error() && twice.error() == libk::Error::NoChild);
}

KERNEL_TEST(ended_processes_give_back_every_frame_and_heap_byte) {
    // A first round makes whatever the kernel keeps for good once it is first needed.
    run_programs_that_end_every_way();
    MemoryFigures before = memory_now();
    for (int round = 0; round < 3; ++round)
        run_programs_that_end_every_way();
    MemoryFigures after = memory_now();
    EXPECT_EQ(after.free_frames, before.free_frames);
    EXPECT_EQ(after.heap_bytes, before.heap_bytes);
    EXPECT_EQ(after.heap_blocks, before.heap_blocks);
}
