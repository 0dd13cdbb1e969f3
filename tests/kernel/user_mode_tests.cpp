// The system-call boundary and user faults, tried with programs of a few instructions (written
// with CodeBuilder, so nothing of the user library is involved): unknown call numbers, bad
// pointers, registers that must survive a call, faults that must end only their process, and
// kills that must reach a process wherever its thread is.
#include "kernel/proc/elf.h"
#include "kernel/proc/initrd.h"
#include "kernel/proc/lifecycle.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/user_fault.h"
#include "kernel/sync/interrupt_guard.h"
#include "libk/abi/errors.h"
#include "libk/abi/types.h"
#include "libk/format.h"
#include "libk/string.h"
#include "tests/kernel/program_test_support.h"

using namespace program_test;

namespace {

int32_t run_code(const char* name, MachineCode code, OutputCapture* output = nullptr) {
    return wait_for(start_code(name, code, output));
}

void expect_call_fails(const char* name, MachineCode code, int error) {
    int32_t status = run_code(name, code);
    if (status != ABI_WAIT_EXITED(exit_status_for_error(error)))
        testing::fail(__FILE__, __LINE__, "%s: wait status %#x, expected error %d", name,
                      static_cast<unsigned>(status), error);
}

struct Fault {
    const char* name;
    uint8_t code[12];
    size_t size;
    int signal;
};

// clang-format off
const Fault FAULTS[] = {
    {"write kernel", {0xC7, 0x05, 0x00, 0x00, 0x00, 0xC0, 1, 0, 0, 0}, 10, ABI_SIGSEGV}, // mov dword [0xc0000000], 1
    {"read null", {0xA1, 0, 0, 0, 0}, 5, ABI_SIGSEGV},                                     // mov eax, [0]
    {"write code", {0xC7, 0x05, 0x54, 0x00, 0x40, 0x00, 0, 0, 0, 0}, 10, ABI_SIGSEGV},    // mov dword [0x400054], 0
    {"jump kernel", {0xB8, 0x00, 0x00, 0x10, 0xC0, 0xFF, 0xE0}, 7, ABI_SIGSEGV},          // mov eax, 0xc0100000; jmp eax
    {"jump null", {0x31, 0xC0, 0xFF, 0xE0}, 4, ABI_SIGSEGV},                              // xor eax, eax; jmp eax
    {"divide", {0x31, 0xC9, 0xF7, 0xF1}, 4, ABI_SIGFPE},                                  // xor ecx, ecx; div ecx
    {"ud2", {0x0F, 0x0B}, 2, ABI_SIGILL},
    {"cli", {0xFA}, 1, ABI_SIGSEGV},
    {"hlt", {0xF4}, 1, ABI_SIGSEGV},
    {"in", {0xE4, 0x60}, 2, ABI_SIGSEGV},                                                 // in al, 0x60
    {"out", {0xE6, 0x80}, 2, ABI_SIGSEGV},                                                // out 0x80, al
    {"int 0x30", {0xCD, 0x30}, 2, ABI_SIGSEGV},                                           // a gate ring 3 may not use
    {"stack overflow", {0x50, 0xEB, 0xFD}, 3, ABI_SIGSEGV},                               // push eax; jmp back
};
// clang-format on

void kill(ProcessId pid) {
    InterruptGuard guard;
    Process* process = process_table::find(pid);
    EXPECT(process != nullptr);
    EXPECT(lifecycle::end_process(*process, ABI_WAIT_SIGNALED(ABI_SIGKILL)));
}

bool is_blocked(const Thread& thread) {
    return thread.state() == ThreadState::Blocked;
}
bool is_sleeping(const Thread& thread) {
    return thread.state() == ThreadState::Sleeping;
}
bool has_run(const Thread& thread) {
    return thread.statistics().times_scheduled > 0;
}

void expect_killed_in(const char* name, MachineCode code, bool (*state)(const Thread&)) {
    ProcessId pid = start_code(name, code);
    if (!wait_until_thread_state(pid, state, 2000))
        testing::fail(__FILE__, __LINE__, "%s: the thread never got into the expected state", name);
    kill(pid);
    int32_t status = wait_for(pid);
    if (status != ABI_WAIT_SIGNALED(ABI_SIGKILL))
        testing::fail(__FILE__, __LINE__, "%s: wait status %#x after the kill", name,
                      static_cast<unsigned>(status));
}

} // namespace

KERNEL_TEST(unknown_system_call_numbers_fail_with_enosys) {
    static_assert(SYSCALL_COUNT == 44, "the last call is 43");
    const uint32_t numbers[] = {0, 44, 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 1000};
    for (uint32_t number : numbers)
        expect_call_fails("enosys", system_call_program(number), ENOSYS);
}

KERNEL_TEST(bad_pointers_fail_with_efault) {
    constexpr uint32_t CODE = 0x00400054;      // mapped, read-only
    constexpr uint32_t STACK_TOP = 0xBFFFF000; // the main stack ends here
    expect_call_fails("null", system_call_program(SYSCALL_WRITE, 1, 0, 10), EFAULT);
    expect_call_fails("kernel", system_call_program(SYSCALL_WRITE, 1, 0xC0000000, 4), EFAULT);
    expect_call_fails("into kernel", system_call_program(SYSCALL_WRITE, 1, STACK_TOP - 8, 16),
                      EFAULT);
    expect_call_fails("wraps", system_call_program(SYSCALL_WRITE, 1, CODE, 0xFFFFFFF0), EFAULT);
    expect_call_fails("huge", system_call_program(SYSCALL_WRITE, 1, CODE, 0x80000000), EFAULT);
    expect_call_fails("unmapped", system_call_program(SYSCALL_WRITE, 1, 0x10000000, 1), EFAULT);
    expect_call_fails("path null", system_call_program(SYSCALL_OPEN, 0, 0), EFAULT);
    expect_call_fails("path kernel", system_call_program(SYSCALL_STAT, 0xC0000000, 0), EFAULT);
    expect_call_fails("read-only", system_call_program(SYSCALL_CLOCK_GETTIME, 1, CODE), EFAULT);
    expect_call_fails("into code", system_call_program(SYSCALL_READ_CYCLES, CODE), EFAULT);
    expect_call_fails("argv", system_call_program(SYSCALL_SPAWN, CODE, 0xC0000000), EFAULT);
}

KERNEL_TEST(buffers_may_cross_between_mapped_pages) {
    // 16 bytes across the boundary of two pages of the main stack.
    OutputCapture* output = new (std::nothrow) OutputCapture;
    EXPECT(output != nullptr);
    int32_t status =
        run_code("cross", system_call_program(SYSCALL_WRITE, 1, 0xBFFFDFF8, 16), output);
    EXPECT_EQ(status, ABI_WAIT_EXITED(16));
    EXPECT_EQ(output->total(), 16u);
    output->release();
}

KERNEL_TEST(registers_survive_a_system_call_even_with_a_bad_stack_pointer) {
    const uint32_t values[] = {0x11111111, 0x22222222, 0x33333333,
                               0x55555555, 0x66666666, 0x77777777};
    const Register registers[] = {Register::Ecx, Register::Edx, Register::Ebx,
                                  Register::Ebp, Register::Esi, Register::Edi};
    CodeBuilder program;
    for (int index = 0; index < 6; ++index)
        program.move(registers[index], values[index]);
    program.move(Register::Esp, 0xC0000000); // the kernel must not need the user stack
    program.move(Register::Eax, SYSCALL_GETPID).system_call();
    size_t patches[6];
    for (int index = 0; index < 6; ++index) {
        const uint8_t compare[] = {0x81, static_cast<uint8_t>(0xF8 + uint8_t(registers[index]))};
        program.bytes(compare).bytes(reinterpret_cast<const uint8_t*>(&values[index]), 4);
        patches[index] = program.jump_if_not_equal();
    }
    program.move(Register::Eax, 0).exit_with_result(); // all kept: exit(0)
    for (size_t patch : patches)
        program.land(patch);
    program.move(Register::Eax, 1).exit_with_result(); // one changed: exit(1)
    EXPECT_EQ(run_code("registers", program.code()), ABI_WAIT_EXITED(0));
}

KERNEL_TEST(faults_end_only_the_faulting_process) {
    for (const Fault& fault : FAULTS) {
        int32_t status = run_code(fault.name, MachineCode{fault.code, fault.size});
        if (status != ABI_WAIT_SIGNALED(fault.signal))
            testing::fail(__FILE__, __LINE__, "%s: wait status %#x, expected signal %d", fault.name,
                          static_cast<unsigned>(status), fault.signal);
    }
    // A thread overflowing its own stack ends the whole process while its main thread sleeps.
    CodeBuilder program;
    const uint8_t skip_thread[] = {0xEB, 0x03};    // jmp over the thread's code
    const uint8_t overflow[] = {0x50, 0xEB, 0xFD}; // the thread: push eax; jmp back
    program.bytes(skip_thread);
    uint32_t thread_entry = program.here();
    program.bytes(overflow);
    program.move(Register::Ebx, thread_entry).move(Register::Ecx, 0);
    program.move(Register::Eax, SYSCALL_THREAD_CREATE).system_call();
    uint32_t sleep_loop = program.here();
    program.move(Register::Ebx, 1000).move(Register::Eax, SYSCALL_SLEEP_MS).system_call();
    const uint8_t jump_back[] = {0xEB, static_cast<uint8_t>(sleep_loop - program.here() - 2)};
    program.bytes(jump_back);
    EXPECT_EQ(run_code("thread overflow", program.code()), ABI_WAIT_SIGNALED(ABI_SIGSEGV));
}

KERNEL_TEST(a_kill_reaches_a_process_wherever_its_thread_is) {
    const uint8_t spin[] = {0xEB, 0xFE}; // jmp to itself
    expect_killed_in("spinning", CodeBuilder().bytes(spin).code(), has_run);
    expect_killed_in("sleeping", system_call_program(SYSCALL_SLEEP_MS, 0x7FFFFFFF), is_sleeping);
    expect_killed_in("reading", system_call_program(SYSCALL_READ, 0, 0xBFFFE000, 16), is_blocked);
    CodeBuilder semaphore;
    semaphore.move(Register::Ebx, 0).move(Register::Eax, SYSCALL_SEMAPHORE_CREATE).system_call();
    const uint8_t handle_to_ebx[] = {0x89, 0xC3}; // mov ebx, eax
    semaphore.bytes(handle_to_ebx).move(Register::Eax, SYSCALL_SEMAPHORE_WAIT).system_call();
    semaphore.exit_with_result();
    expect_killed_in("waiting", semaphore.code(), is_blocked);
}

KERNEL_TEST(fault_report_names_the_program_the_address_and_the_function) {
    libk::ErrorOr<initrd::File> hello = initrd::find("/bin/hello");
    EXPECT(!hello.is_error());
    elf::FileHeader header;
    memcpy(&header, hello.value().data, sizeof header);
    arch::InterruptFrame frame{};
    frame.vector = 14;
    frame.error_code = 0x6; // a write from user mode to a page that is not present
    frame.eip = header.entry + 3;
    char report[192];
    user_fault::describe(report, sizeof report, frame, 0xC0000000, "hello", 3, hello.value().data,
                         hello.value().size, false);
    char expected[192];
    libk::format_buffer(expected, sizeof expected,
                        "hello[3]: killed: page fault writing 0xc0000000 at eip 0x%08x "
                        "(_start+0x3)",
                        header.entry + 3);
    if (strcmp(report, expected) != 0)
        testing::fail(__FILE__, __LINE__, "report \"%s\"", report);
    // Without a symbol table the function is unknown; a stack overflow says so.
    frame.vector = 14;
    frame.error_code = 0x6;
    frame.eip = 0x1234;
    user_fault::describe(report, sizeof report, frame, 0xBFFDDFFC, "x", 9, nullptr, 0, true);
    EXPECT(strcmp(report, "x[9]: killed: page fault writing 0xbffddffc at eip 0x00001234 "
                          "(?"
                          "?): stack overflow") == 0);
    frame.vector = 0;
    user_fault::describe(report, sizeof report, frame, 0, "x", 9, nullptr, 0, false);
    EXPECT(strcmp(report, "x[9]: killed: divide error at eip 0x00001234 (?"
                          "?)") == 0);
}
