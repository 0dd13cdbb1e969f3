// Kernel tests of SMEP and SMAP (arch/supervisor_protection.h): the kernel cannot execute a user
// page, touches user memory only inside the window, and no interrupt handler inherits an open
// window, not even from a program that set EFLAGS.AC itself. Test runs use a CPU model with
// both (tools/qemu-cpu.sh); kernel_runs_without_smep_and_smap boots one without them
// (tests/kernel/cpu-models) and proves that the kernel still works there.
#include "arch/cpu.h"
#include "arch/exceptions.h"
#include "arch/interrupts.h"
#include "arch/supervisor_protection.h"
#include "kernel/memory/address_space.h"
#include "libk/abi/system_calls.h"
#include "libk/abi/types.h"
#include "libk/new.h"
#include "tests/kernel/program_test_support.h"

using namespace memory;

namespace {

constexpr uintptr_t USER_PAGE = 0x400000;
constexpr uint32_t MARKER = 0x5AFE5AFE;
constexpr uint8_t RETURN_INSTRUCTION = 0xC3; // ret

volatile uint32_t g_sink; // results go here so the compiler cannot drop an access

// A fresh address space with one user page holding `first_bytes`, made the active one.
AddressSpace& active_space_with_user_page(const void* first_bytes, size_t size) {
    auto created = AddressSpace::create();
    EXPECT(!created.is_error());
    AddressSpace& space = *created.value();
    EXPECT(!space.allocate_page(USER_PAGE, USER_READ_WRITE).is_error());
    EXPECT(!space.copy_to_user(USER_PAGE, first_bytes, size).is_error());
    space.activate();
    return space;
}

void expect_both_protections_on() {
    arch::SupervisorProtection supported = arch::supported_supervisor_protection();
    arch::SupervisorProtection active = arch::active_supervisor_protection();
    EXPECT(supported.smep && supported.smap); // else QEMU's -cpu is not tools/qemu-cpu.sh's
    EXPECT(active.smep && active.smap);
}

volatile uint32_t* user_word() {
    return reinterpret_cast<volatile uint32_t*>(USER_PAGE);
}

} // namespace

KERNEL_TEST(supervisor_protection_is_on) {
    expect_both_protections_on();
    EXPECT(!arch::user_memory_window_is_open());
}

// Inside the window the read works (so stac really opened it); outside it must not.
KERNEL_TEST_EXPECTING_PANIC(kernel_reading_user_memory_outside_a_copy_panics,
                            "kernel touched user memory outside a user copy (SMAP): read at") {
    expect_both_protections_on();
    active_space_with_user_page(&MARKER, sizeof MARKER);
    {
        arch::UserMemoryWindow window;
        EXPECT(arch::user_memory_window_is_open());
        g_sink = *user_word();
    }
    EXPECT_EQ(g_sink, MARKER);
    EXPECT(!arch::user_memory_window_is_open());
    g_sink = *user_word();
}

KERNEL_TEST_EXPECTING_PANIC(kernel_writing_user_memory_outside_a_copy_panics,
                            "kernel touched user memory outside a user copy (SMAP): write at") {
    expect_both_protections_on();
    AddressSpace& space = active_space_with_user_page(&MARKER, sizeof MARKER);
    {
        arch::UserMemoryWindow window;
        *user_word() = ~MARKER;
    }
    uint32_t value = 0;
    EXPECT(!space.copy_from_user(&value, USER_PAGE, sizeof value).is_error());
    EXPECT_EQ(value, ~MARKER);
    *user_word() = MARKER;
}

// A user page holding `ret`: without SMEP the call would return, and the test would fail for
// want of the panic.
KERNEL_TEST_EXPECTING_PANIC(kernel_executing_a_user_page_panics,
                            "kernel tried to execute a user page (SMEP): instruction fetch at") {
    expect_both_protections_on();
    active_space_with_user_page(&RETURN_INSTRUCTION, sizeof RETURN_INSTRUCTION);
    auto* user_code = reinterpret_cast<void (*)()>(USER_PAGE);
    user_code();
}

namespace {

constexpr uint8_t SPARE_VECTOR = 0x81; // no handler in the kernel; a ring-0 gate
constexpr uint8_t DIVIDE_ERROR_VECTOR = 0;

// What a handler found when it ran: its own EFLAGS, and the ones the interrupted code had.
struct FlagsSeen {
    uint32_t handler;
    uint32_t interrupted;
    bool from_user_mode;
};
volatile FlagsSeen g_seen;

void note_flags(arch::InterruptFrame& frame) {
    g_seen.handler = arch::read_flags();
    g_seen.interrupted = frame.eflags;
    g_seen.from_user_mode = frame.from_user_mode();
}

void note_flags_then_fault(arch::InterruptFrame& frame) {
    note_flags(frame);
    arch::handle_fault(frame); // the divide error ends the program, as it always does
}

bool alignment_check(uint32_t flags) {
    return (flags & arch::FLAGS_ALIGNMENT_CHECK) != 0;
}

} // namespace

// An interrupt inside the window: its handler runs with the window shut, and iret reopens it.
KERNEL_TEST(an_interrupt_closes_the_window_for_its_handler) {
    expect_both_protections_on();
    arch::interrupts::set_handler(SPARE_VECTOR, note_flags);
    {
        arch::UserMemoryWindow window;
        arch::raise_interrupt<SPARE_VECTOR>();
        EXPECT(arch::user_memory_window_is_open());
    }
    arch::interrupts::set_handler(SPARE_VECTOR, nullptr);
    EXPECT(alignment_check(g_seen.interrupted));
    EXPECT(!alignment_check(g_seen.handler));
}

// Any program can set EFLAGS.AC (popf in ring 3), and the CPU keeps it on the way into the
// kernel: the entry must clear it, or the handler would run with SMAP switched off in effect.
KERNEL_TEST(a_program_cannot_open_the_window_for_the_kernel) {
    using program_test::CodeBuilder;
    expect_both_protections_on();
    const uint8_t set_alignment_check[] = {
        0x9C,                                     // pushfd
        0x81, 0x0C, 0x24, 0x00, 0x00, 0x04, 0x00, // or dword [esp], 0x40000 (AC)
        0x9D,                                     // popfd
    };
    const uint8_t divide_by_zero[] = {0x31, 0xC9, 0xF7, 0xF1}; // xor ecx, ecx; div ecx
    CodeBuilder program;
    program.bytes(set_alignment_check).bytes(divide_by_zero);
    arch::interrupts::set_handler(DIVIDE_ERROR_VECTOR, note_flags_then_fault);
    int32_t status = program_test::wait_for(program_test::start_code("set-ac", program.code()));
    arch::interrupts::set_handler(DIVIDE_ERROR_VECTOR, nullptr);
    EXPECT_EQ(status, ABI_WAIT_SIGNALED(ABI_SIGFPE));
    EXPECT(g_seen.from_user_mode);
    EXPECT(alignment_check(g_seen.interrupted)); // the program did set it
    EXPECT(!alignment_check(g_seen.handler));    // and the kernel did not inherit it
}

// Booted on QEMU's qemu32 model, which has neither protection (tests/kernel/cpu-models): the
// kernel got here, so every interrupt entry so far skipped clac correctly; the window does
// nothing (stac would be an invalid opcode); and a program's system calls still copy.
KERNEL_TEST_ALONE(kernel_runs_without_smep_and_smap) {
    arch::SupervisorProtection supported = arch::supported_supervisor_protection();
    arch::SupervisorProtection active = arch::active_supervisor_protection();
    EXPECT(!supported.smep && !supported.smap); // else the test is not on the CPU it needs
    EXPECT(!active.smep && !active.smap);
    AddressSpace& space = active_space_with_user_page(&MARKER, sizeof MARKER);
    {
        arch::UserMemoryWindow window;
        EXPECT(!arch::user_memory_window_is_open());
        EXPECT_EQ(*user_word(), MARKER);
    }
    delete &space; // active: the destructor loads the kernel's own directory first

    // write(1, its own first instruction bytes, 4): copy_from_user, then exit with the count.
    using program_test::Register;
    program_test::CodeBuilder program;
    uint32_t entry = program.here();
    program.move(Register::Eax, SYSCALL_WRITE)
        .move(Register::Ebx, 1)
        .move(Register::Ecx, entry)
        .move(Register::Edx, 4)
        .system_call()
        .exit_with_result();
    auto* output = new (std::nothrow) program_test::OutputCapture;
    EXPECT(output != nullptr);
    int32_t status =
        program_test::wait_for(program_test::start_code("copy", program.code(), output));
    EXPECT_EQ(status, ABI_WAIT_EXITED(4));
    EXPECT_EQ(output->length(), 4u);
    EXPECT(__builtin_memcmp(output->text(), program.code().bytes, 4) == 0);
    output->release();
}
