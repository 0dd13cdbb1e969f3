// Kernel tests of the exception path: each deliberate fault must end in a panic whose report
// names the exception (and, where there is one, the decoded address or selector). The runner
// passes a test only if that text appears in the serial log after the test announced it.
#include "arch/cpu.h"
#include "arch/exceptions.h"
#include "kernel/memory/layout.h"
#include "kernel/testing/kernel_test.h"

namespace {

// A kernel-half page nothing maps: the boot tables cover only 0xC0000000-0xC0FFFFFF. (Should the
// kernel's memory layout ever put something here, these tests need another address.)
constexpr uint32_t UNMAPPED_KERNEL_PAGE = 0xE0000000;
// A stack whose next push lands in that page, as on a stack that ran into its guard page.
constexpr uint32_t STACK_ABOVE_UNMAPPED_PAGE = UNMAPPED_KERNEL_PAGE + memory::PAGE_SIZE;

// Results go here so the compiler cannot drop the faulting computation.
volatile int g_sink;

struct Node {
    int key;
    int count;
    Node* next; // at offset 8: reading it through a null Node* reads address 8
};

} // namespace

KERNEL_TEST_EXPECTING_PANIC(divide_error_is_reported, "divide error in kernel mode at eip") {
    // Both operands volatile: the compiler would turn 1 / x into a comparison without a division.
    volatile int dividend = 1000;
    volatile int zero = 0;
    g_sink = dividend / zero;
}

KERNEL_TEST_EXPECTING_PANIC(page_fault_reports_address_and_write,
                            "page fault: write at address 0xe0000000 (page not present)") {
    *reinterpret_cast<volatile int*>(UNMAPPED_KERNEL_PAGE) = 1;
}

KERNEL_TEST_EXPECTING_PANIC(null_pointer_dereference_is_named,
                            "null pointer dereference: read at address 0x00000008") {
    // Page 0 is never mapped (kernel/memory/), so this read must fault; if it did not, the test
    // would return and fail for want of the expected panic.
    Node* volatile node = nullptr; // volatile: the compiler must not see that it is null
    g_sink = node->next != nullptr;
}

KERNEL_TEST_EXPECTING_PANIC(invalid_opcode_is_reported, "invalid opcode in kernel mode at eip") {
    __builtin_trap(); // ud2
}

KERNEL_TEST_EXPECTING_PANIC(general_protection_fault_names_selector,
                            "general protection fault: GDT entry 512") {
    arch::cause_general_protection_fault();
}

KERNEL_TEST_EXPECTING_PANIC(breakpoint_without_handler_is_reported,
                            "breakpoint in kernel mode at eip") {
    __builtin_debugtrap(); // int3
}

// esp points at unmapped memory, so the page fault of the push cannot push its own frame
// either: the CPU raises a double fault, which only a task gate with its own stack survives.
KERNEL_TEST_EXPECTING_PANIC(
    double_fault_runs_on_its_own_stack,
    "double fault: the CPU could not deliver an exception (esp e0001000, cr2 e0000ffc)") {
    arch::cause_fault_with_stack_pointer(STACK_ABOVE_UNMAPPED_PAGE);
}

namespace {

const char* diagnose_pretend_thread(uint32_t faulting_esp) {
    // The threads code will look the esp up among the kernel stacks' guard pages.
    bool in_pretend_guard_page = faulting_esp >= UNMAPPED_KERNEL_PAGE &&
                                 faulting_esp <= UNMAPPED_KERNEL_PAGE + memory::PAGE_SIZE;
    return in_pretend_guard_page ? "kernel stack overflow in thread 'pretend'" : nullptr;
}

} // namespace

KERNEL_TEST_EXPECTING_PANIC(double_fault_diagnosis_names_the_thread,
                            "double fault: kernel stack overflow in thread 'pretend'") {
    arch::set_double_fault_diagnosis(diagnose_pretend_thread);
    arch::cause_fault_with_stack_pointer(STACK_ABOVE_UNMAPPED_PAGE);
}
