// Kernel tests of the interrupt dispatcher: a registered handler runs and execution resumes
// after it, and spurious IRQs 7 and 15 are counted instead of being handed to a driver.
#include "arch/cpu.h"
#include "arch/exceptions.h"
#include "arch/interrupts.h"
#include "arch/pic.h"
#include "kernel/testing/kernel_test.h"

namespace {

volatile uint32_t g_handler_calls;
volatile uint32_t g_last_vector;

void count_call(arch::InterruptFrame& frame) {
    g_handler_calls = g_handler_calls + 1;
    g_last_vector = frame.vector;
}

} // namespace

// int3 is a trap: the saved eip is the next instruction, so a handler that returns resumes the
// test. The six values below are kept in registers across the interrupts (the compiler cannot
// fold them: g_seed is volatile), so an entry stub that loses a register fails the sums.
volatile uint32_t g_seed = 3;

KERNEL_TEST(registered_exception_handler_runs_and_returns) {
    g_handler_calls = 0;
    arch::interrupts::set_handler(3, count_call);
    uint32_t seed = g_seed;
    uint32_t a = seed * 2, b = seed * 3, c = seed * 5, d = seed * 7, e = seed * 11, f = seed * 13;
    __builtin_debugtrap();
    uint32_t sum_after_first = a + b + c + d + e + f;
    __builtin_debugtrap();
    uint32_t weighted_after_second = a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
    arch::interrupts::set_handler(3, nullptr);
    EXPECT_EQ(g_handler_calls, 2);
    EXPECT_EQ(g_last_vector, 3);
    EXPECT_EQ(sum_after_first, 3 * 41);
    EXPECT_EQ(weighted_after_second, 3 * (2 + 6 + 15 + 28 + 55 + 78));
}

KERNEL_TEST(software_interrupt_reaches_its_handler) {
    g_handler_calls = 0;
    arch::interrupts::set_handler(0x41, count_call);
    arch::raise_interrupt<0x41>();
    arch::interrupts::set_handler(0x41, nullptr);
    EXPECT_EQ(g_handler_calls, 1);
    EXPECT_EQ(g_last_vector, 0x41);
}

// `int 0x27` arrives on IRQ 7's vector without the PIC having raised anything, which is just
// what a spurious IRQ 7 looks like: the in-service register shows no IRQ 7. The same for 15.
KERNEL_TEST(spurious_irqs_are_counted_not_dispatched) {
    g_handler_calls = 0;
    arch::interrupts::set_irq_handler(7, count_call);
    arch::interrupts::set_irq_handler(15, count_call);
    uint32_t spurious_before = arch::pic::spurious_count();
    arch::raise_interrupt<arch::IRQ_BASE_VECTOR + 7>();
    arch::raise_interrupt<arch::IRQ_BASE_VECTOR + 15>();
    arch::interrupts::set_irq_handler(7, nullptr);
    arch::interrupts::set_irq_handler(15, nullptr);
    EXPECT_EQ(arch::pic::spurious_count() - spurious_before, 2);
    EXPECT_EQ(g_handler_calls, 0);
}

KERNEL_TEST_EXPECTING_PANIC(unexpected_interrupt_is_reported,
                            "unexpected interrupt: vector 66 (0x42) has no handler") {
    arch::raise_interrupt<0x42>();
}
