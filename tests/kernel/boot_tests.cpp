// Kernel tests of the start-up path: the C++ runtime and the formatter as the kernel runs them.
#include "kernel/testing/kernel_test.h"
#include "libk/format.h"
#include "libk/string.h"

namespace {

// A global object with a constructor: run_global_constructors() must have run it.
struct ConstructedAtBoot {
    int value;
    ConstructedAtBoot() : value(42) {}
};
ConstructedAtBoot g_constructed_at_boot;

} // namespace

KERNEL_TEST(global_constructors_ran) {
    EXPECT_EQ(g_constructed_at_boot.value, 42);
}

KERNEL_TEST(format_in_kernel) {
    char buffer[64];
    // 64-bit values exercise the compiler runtime's division (__udivdi3) on i386.
    libk::format_buffer(buffer, sizeof buffer, "%d|%5s|%-4x|%llu", -7, "ab", 255,
                        18446744073709551615ull);
    EXPECT(strcmp(buffer, "-7|   ab|ff  |18446744073709551615") == 0);
}
