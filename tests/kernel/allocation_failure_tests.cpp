// Every allocation on the way of a system call failing in turn
// (kernel/memory/allocation_failure.h): spawn, thread creation, mutex, semaphore and shared-memory
// creation, resizing and mapping. For N = 1, 2, ... the N-th kernel allocation (frame or heap
// block) after the call begins fails, until the call gets through without reaching the N-th. Each
// run must end in ENOMEM or success, never in a panic, and leave the frames, the heap, the threads
// and the processes as they were once its program has ended.
//
// A call made by a program: the program prepares what the call needs, sets edi = 1 and sleeps;
// the test arms the failure while it sleeps; the program makes the call, keeps its result in
// esi, sets edi = 2 and sleeps again, which is when the test reads the result (the registers
// the thread entered the kernel with) and disarms.
#include "arch/interrupt_frame.h"
#include "kernel/console/console.h"
#include "kernel/memory/allocation_failure.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/named_objects.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/program_images.h"
#include "kernel/proc/spawn.h"
#include "kernel/proc/user_thread.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/testing/kernel_test.h"
#include "libk/abi/errors.h"
#include "libk/abi/system_calls.h"
#include "libk/abi/types.h"
#include "libk/string.h"
#include "tests/kernel/program_test_support.h"

using namespace program_test;
namespace failure = memory::allocation_failure;

namespace {

// More allocations than any of these calls makes: reaching it means the loop never ends.
constexpr uint32_t MAXIMUM_RUNS = 400;

using testing::current_usage;
using testing::Usage;

void expect_usage(const Usage& before, const char* what, uint32_t n) {
    Usage after = testing::usage_after_settling(before);
    if (!(after == before))
        testing::fail(__FILE__, __LINE__,
                      "%s with allocation %u failing leaked: free frames %u -> %u, heap %zu -> "
                      "%zu, threads %zu -> %zu, processes %u -> %u",
                      what, n, before.free_frames, after.free_frames, before.heap_bytes,
                      after.heap_bytes, before.threads, after.threads, before.processes,
                      after.processes);
}

// The saved user registers of the process's first thread when it sleeps with edi == phase.
const arch::InterruptFrame* sleeping_in_phase(ProcessId pid, uint32_t phase) {
    InterruptGuard guard;
    for (UserThread& thread : all_user_threads()) {
        if (thread.process().id() != pid || thread.kernel_thread() == nullptr ||
            thread.stack_region() != 0)
            continue;
        const arch::InterruptFrame* frame = thread.user_registers();
        if (thread.kernel_thread()->state() == ThreadState::Sleeping && frame != nullptr &&
            frame->edi == phase)
            return frame;
    }
    return nullptr;
}

const arch::InterruptFrame* wait_for_phase(ProcessId pid, uint32_t phase) {
    for (uint32_t waited = 0; waited < 3000; waited += 5) {
        if (const arch::InterruptFrame* frame = sleeping_in_phase(pid, phase))
            return frame;
        this_thread::sleep_ms(5);
    }
    return nullptr;
}

// What a call that failed must have left in its process exactly as it was (the process's end
// would return it anyway, so the frames alone cannot tell).
struct ProcessUsage {
    int handles;
    size_t regions;
    uint32_t pages;
    uint32_t threads;
    uint32_t charged_frames;
    size_t charged_bytes;
    size_t names; // named semaphores and shared-memory objects of the whole system
    bool operator==(const ProcessUsage&) const = default;
};

ProcessUsage process_usage(ProcessId pid) {
    size_t names = named_objects::semaphores().count() + named_objects::shared_memory().count();
    InterruptGuard guard;
    Process* process = process_table::find(pid);
    EXPECT(process != nullptr);
    memory::MemoryAccount& account = *process->memory_account();
    return {process->handles().count(),
            process->regions().count(),
            process->memory_pages(),
            process->thread_count(),
            account.charged_frames(),
            account.charged_bytes(),
            names};
}

void expect_unchanged(const ProcessUsage& before, const ProcessUsage& after, const char* what,
                      uint32_t n) {
    if (after == before)
        return;
    testing::fail(__FILE__, __LINE__,
                  "%s failed with allocation %u failing, but left behind: handles %d -> %d, "
                  "regions %zu -> %zu, pages %u -> %u, threads %u -> %u, charged frames %u -> "
                  "%u, charged bytes %zu -> %zu, names %zu -> %zu",
                  what, n, before.handles, after.handles, before.regions, after.regions,
                  before.pages, after.pages, before.threads, after.threads, before.charged_frames,
                  after.charged_frames, before.charged_bytes, after.charged_bytes, before.names,
                  after.names);
}

void end_program(ProcessId pid) {
    {
        InterruptGuard guard;
        Process* process = process_table::find(pid);
        EXPECT(process != nullptr);
        lifecycle::end_process(*process, ABI_WAIT_SIGNALED(ABI_SIGKILL));
    }
    (void)wait_for(pid);
}

const char SEMAPHORE_NAME[] = "/failing-semaphore";
const char SHARED_MEMORY_NAME[] = "/failing-memory";

void unlink_names() {
    (void)named_objects::semaphores().unlink(SEMAPHORE_NAME);
    (void)named_objects::shared_memory().unlink(SHARED_MEMORY_NAME);
}

// sleep_ms(forever), over and over: where the program waits, and where its new threads run.
void sleep_forever(CodeBuilder& program) {
    uint32_t loop = program.here();
    program.move(Register::Ebx, 0x7FFFFFFF).move(Register::Eax, SYSCALL_SLEEP_MS).system_call();
    const uint8_t jump_back[] = {0xEB, static_cast<uint8_t>(loop - program.here() - 2)};
    program.bytes(jump_back);
}

// The instructions of one call, written between the two sleeps; `data` is where the bytes
// after the code (names, a request) will be, for the instructions that point at them.
using WriteCall = void (*)(CodeBuilder& program, uint32_t data, uint32_t thread_entry);

// The program: [setup] edi = 1, sleep 50 ms; the call; esi = eax; edi = 2; sleep for good.
// Then the thread entry (sleep for good) and the data.
MachineCode build_program(CodeBuilder& program, WriteCall setup, WriteCall call,
                          const uint8_t* data, size_t data_size) {
    // Two passes: the first learns where the thread entry and the data land.
    uint32_t thread_entry = 0, data_address = 0;
    for (int pass = 0; pass < 2; ++pass) {
        program = CodeBuilder();
        if (setup != nullptr)
            setup(program, data_address, thread_entry);
        program.move(Register::Edi, 1).move(Register::Ebx, 50);
        program.move(Register::Eax, SYSCALL_SLEEP_MS).system_call();
        call(program, data_address, thread_entry);
        const uint8_t keep_result[] = {0x89, 0xC6}; // mov esi, eax
        program.bytes(keep_result).move(Register::Edi, 2);
        sleep_forever(program);
        thread_entry = program.here();
        sleep_forever(program);
        data_address = program.here();
        program.bytes(data, data_size);
    }
    return program.code();
}

// Runs the call with allocation n failing, for n = 1, 2, ... Returns how many runs it took.
uint32_t fail_each_allocation(const char* what, WriteCall setup, WriteCall call,
                              const uint8_t* data = nullptr, size_t data_size = 0) {
    static CodeBuilder program; // too big for the stack
    MachineCode code = build_program(program, setup, call, data, data_size);
    for (uint32_t n = 1; n <= MAXIMUM_RUNS; ++n) {
        Usage before = current_usage();
        ProcessId pid = start_code(what, code);
        if (wait_for_phase(pid, 1) == nullptr)
            testing::fail(__FILE__, __LINE__, "%s: the program never got ready", what);
        ProcessUsage ready = process_usage(pid);
        failure::fail_nth(n);
        const arch::InterruptFrame* frame = wait_for_phase(pid, 2);
        bool failed = failure::has_failed();
        failure::disarm();
        if (frame == nullptr)
            testing::fail(__FILE__, __LINE__, "%s with allocation %u failing: no result", what, n);
        int32_t result = static_cast<int32_t>(frame->esi);
        bool call_failed = result < 0 && result > -ABI_ERROR_LIMIT; // mmap's addresses are not
        if (call_failed)
            expect_unchanged(ready, process_usage(pid), what, n);

        end_program(pid);
        unlink_names();
        expect_usage(before, what, n);
        if (call_failed && result != -ENOMEM)
            testing::fail(__FILE__, __LINE__, "%s with allocation %u failing: error %d", what, n,
                          -result);
        if (!failed) {
            if (call_failed)
                testing::fail(__FILE__, __LINE__, "%s failed with nothing failing", what);
            console::print("%s: each of its %u allocations failed in turn\n", what, n - 1);
            return n;
        }
    }
    testing::fail(__FILE__, __LINE__, "%s: still failing after %u runs", what, MAXIMUM_RUNS);
}

void call(CodeBuilder& program, uint32_t number, uint32_t ebx = 0, uint32_t ecx = 0,
          uint32_t edx = 0) {
    program.move(Register::Ebx, ebx).move(Register::Ecx, ecx).move(Register::Edx, edx);
    program.move(Register::Eax, number).system_call();
}

// The shared-memory object's handle stays in ebp, which system calls keep.
void open_shared_memory(CodeBuilder& program, uint32_t data, uint32_t) {
    call(program, SYSCALL_SHM_OPEN, data, ABI_O_RDWR | ABI_O_CREAT);
    const uint8_t handle_to_ebp[] = {0x89, 0xC5}; // mov ebp, eax
    program.bytes(handle_to_ebp);
}

void open_and_size_shared_memory(CodeBuilder& program, uint32_t data, uint32_t entry) {
    open_shared_memory(program, data, entry);
    const uint8_t handle_to_ebx[] = {0x89, 0xEB}; // mov ebx, ebp
    program.bytes(handle_to_ebx).move(Register::Ecx, 3 * 4096);
    program.move(Register::Eax, SYSCALL_FTRUNCATE).system_call();
}

void resize_shared_memory(CodeBuilder& program, uint32_t, uint32_t) {
    const uint8_t handle_to_ebx[] = {0x89, 0xEB}; // mov ebx, ebp
    program.bytes(handle_to_ebx).move(Register::Ecx, 5 * 4096);
    program.move(Register::Eax, SYSCALL_FTRUNCATE).system_call();
}

// The mmap request comes after the name in the data.
constexpr uint32_t REQUEST_OFFSET = 32;

uint8_t g_mapping_data[REQUEST_OFFSET + sizeof(abi_mmap_request)];

const uint8_t* mapping_data() {
    memset(g_mapping_data, 0, sizeof g_mapping_data);
    memcpy(g_mapping_data, SHARED_MEMORY_NAME, sizeof SHARED_MEMORY_NAME);
    // The program's first handle after the console's three.
    abi_mmap_request request{
        0x80000000, 3 * 4096, ABI_PROT_READ | ABI_PROT_WRITE, ABI_MAP_SHARED | ABI_MAP_FIXED, 3, 0};
    memcpy(g_mapping_data + REQUEST_OFFSET, &request, sizeof request);
    return g_mapping_data;
}

// A kernel thread that waits for any child of the kernel: how its wait ended, once it has.
bool g_waiter_done = false;
libk::Error g_waiter_error = libk::Error::OutOfMemory;

intptr_t wait_for_any_child(void*) {
    this_thread::sleep_ms(20); // by then the child is in the table
    int32_t status = 0;
    libk::ErrorOr<ProcessId> ended = lifecycle::wait_for_child(kernel_process(), -1, false, status);
    g_waiter_error = ended.is_error() ? ended.error() : libk::Error::OutOfMemory;
    g_waiter_done = true;
    return 0;
}

// Runs inside the spawn, the child in the table: the waiter starts waiting for it, then the
// next allocation, the child's first thread, fails.
void fail_the_first_thread() {
    this_thread::sleep_ms(100);
    failure::fail_nth(1);
}

} // namespace

KERNEL_TEST(a_failed_spawn_wakes_a_parent_waiting_for_any_child) {
    g_waiter_done = false;
    ThreadId waiter = kernel_thread::create("waiter", wait_for_any_child, nullptr).value();
    size_t size;
    const uint8_t* image = make_program(system_call_program(SYSCALL_EXIT, 0), size);
    ProgramArguments arguments;
    EXPECT(!arguments.add("failing").is_error());
    process_spawn::set_published_hook(fail_the_first_thread);
    libk::ErrorOr<ProcessId> pid =
        process_spawn::spawn_image(kernel_process(), "failing", image, size, arguments);
    process_spawn::set_published_hook(nullptr);
    EXPECT(failure::has_failed());
    failure::disarm();
    EXPECT_EQ(pid.error(), libk::Error::OutOfMemory);
    // The waiter must learn that the kernel has no child left, not wait for good.
    for (uint32_t waited = 0; waited < 1000 && !g_waiter_done; waited += 10)
        this_thread::sleep_ms(10);
    EXPECT(g_waiter_done);
    EXPECT_EQ(g_waiter_error, libk::Error::NoChild);
    EXPECT(!kernel_thread::join(waiter).is_error());
}

KERNEL_TEST(allocation_failures_in_spawn_are_clean) {
    // The kernel's own spawn, of a program that exits at once.
    MachineCode code = system_call_program(SYSCALL_EXIT, 0);
    size_t size;
    const uint8_t* image = make_program(code, size);
    ProgramArguments arguments;
    EXPECT(!arguments.add("exit").is_error());
    uint32_t n = 1;
    for (;; ++n) {
        EXPECT(n <= MAXIMUM_RUNS);
        Usage before = current_usage();
        failure::fail_nth(n);
        libk::ErrorOr<ProcessId> pid =
            process_spawn::spawn_image(kernel_process(), "exit", image, size, arguments);
        bool failed = failure::has_failed();
        failure::disarm();
        if (pid.is_error())
            EXPECT_EQ(pid.error(), libk::Error::OutOfMemory);
        else
            EXPECT_EQ(wait_for(pid.value()), ABI_WAIT_EXITED(0));
        expect_usage(before, "spawn", n);
        if (!failed) {
            EXPECT(!pid.is_error());
            break;
        }
    }
    console::print("spawn: each of its %u allocations failed in turn\n", n - 1);
    EXPECT(n > 5); // a process, its address space, its tables, its stacks, its thread ...
    // The system call, from a program, of a program in the initrd.
    static const char path[] = "/bin/hello";
    fail_each_allocation(
        "spawn call", nullptr,
        [](CodeBuilder& program, uint32_t data, uint32_t) { call(program, SYSCALL_SPAWN, data); },
        reinterpret_cast<const uint8_t*>(path), sizeof path);
}

KERNEL_TEST(allocation_failures_in_thread_create_are_clean) {
    fail_each_allocation("thread_create", nullptr,
                         [](CodeBuilder& program, uint32_t, uint32_t entry) {
                             call(program, SYSCALL_THREAD_CREATE, entry, 0);
                         });
}

KERNEL_TEST(allocation_failures_in_handle_creation_are_clean) {
    fail_each_allocation("mutex_create", nullptr, [](CodeBuilder& program, uint32_t, uint32_t) {
        call(program, SYSCALL_MUTEX_CREATE);
    });
    fail_each_allocation("semaphore_create", nullptr, [](CodeBuilder& program, uint32_t, uint32_t) {
        call(program, SYSCALL_SEMAPHORE_CREATE, 2);
    });
    static const char path[] = "/bin/hello";
    fail_each_allocation(
        "open", nullptr,
        [](CodeBuilder& program, uint32_t data, uint32_t) {
            call(program, SYSCALL_OPEN, data, ABI_O_RDONLY);
        },
        reinterpret_cast<const uint8_t*>(path), sizeof path);
    fail_each_allocation(
        "semaphore_open", nullptr,
        [](CodeBuilder& program, uint32_t data, uint32_t) {
            call(program, SYSCALL_SEMAPHORE_OPEN, data, ABI_O_CREAT, 1);
        },
        reinterpret_cast<const uint8_t*>(SEMAPHORE_NAME), sizeof SEMAPHORE_NAME);
    fail_each_allocation(
        "shm_open", nullptr,
        [](CodeBuilder& program, uint32_t data, uint32_t) {
            call(program, SYSCALL_SHM_OPEN, data, ABI_O_RDWR | ABI_O_CREAT);
        },
        reinterpret_cast<const uint8_t*>(SHARED_MEMORY_NAME), sizeof SHARED_MEMORY_NAME);
}

KERNEL_TEST(allocation_failures_in_shared_memory_are_clean) {
    const uint8_t* data = mapping_data();
    fail_each_allocation("ftruncate", open_and_size_shared_memory, resize_shared_memory, data,
                         sizeof g_mapping_data);
    fail_each_allocation(
        "mmap", open_and_size_shared_memory,
        [](CodeBuilder& program, uint32_t data, uint32_t) {
            call(program, SYSCALL_MMAP, data + REQUEST_OFFSET);
        },
        data, sizeof g_mapping_data);
}

KERNEL_TEST(fail_nth_fails_exactly_the_nth_allocation) {
    failure::fail_nth(3);
    libk::ErrorOr<memory::PhysicalAddress> first = memory::allocate_frame();
    void* second = new (std::nothrow) uint8_t[16];
    libk::ErrorOr<memory::PhysicalAddress> third = memory::allocate_frame();
    libk::ErrorOr<memory::PhysicalAddress> fourth = memory::allocate_frame();
    EXPECT(failure::has_failed());
    EXPECT_EQ(failure::allocations_counted(), 3u);
    EXPECT(!first.is_error() && second != nullptr && !fourth.is_error());
    EXPECT_EQ(third.error(), libk::Error::OutOfMemory);
    memory::free_frame(first.value());
    memory::free_frame(fourth.value());
    delete[] static_cast<uint8_t*>(second);
}
