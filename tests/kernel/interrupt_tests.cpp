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
// test. Values live across the interrupt in registers, which the entry stub must give back.
KERNEL_TEST(registered_exception_handler_runs_and_returns) {
    g_handler_calls = 0;
    arch::interrupts::set_handler(3, count_call);
    volatile uint32_t before = 0x1234567;
    __builtin_debugtrap();
    __builtin_debugtrap();
    arch::interrupts::set_handler(3, nullptr);
    EXPECT_EQ(g_handler_calls, 2);
    EXPECT_EQ(g_last_vector, 3);
    EXPECT_EQ(before, 0x1234567);
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
