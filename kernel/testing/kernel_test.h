// In-kernel tests. Each test is a function registered with KERNEL_TEST(name) in tests/kernel/;
// the boot command line "test=name" makes kernel_main run it instead of the normal start-up.
// The test prints "TEST PASS name" and QEMU exits with the success status, or a failed EXPECT
// prints "TEST FAIL ..." and QEMU exits with the failure status (tools/run-tests.sh reads both).
//
// A test that is supposed to end in a panic (the exception and panic paths) is declared with
// KERNEL_TEST_EXPECTING_PANIC(name, "text"): it announces the text, and the runner passes it only
// if QEMU exits with the failure status and the panic report contains that text.
#pragma once

#include "libk/types.h"

namespace testing {

enum class Expectation { Pass, Panic };

struct KernelTest {
    const char* name;
    void (*body)();
    Expectation expectation;
    const char* expected_report; // for Expectation::Panic: text the panic report must contain
};

// Runs the named test and exits QEMU with its verdict. Does not return.
[[noreturn]] void run(const char* name);

[[noreturn]] void fail(const char* file, int line, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

void expect_equal(unsigned long long actual, unsigned long long expected, const char* actual_text,
                  const char* expected_text, const char* file, int line);

} // namespace testing

// The registration is a constant KernelTest placed in the .kernel_tests section; the linker
// script gathers them between __kernel_tests_start and __kernel_tests_end. The symbol name
// kernel_test_<name> is also how tools/run-tests.sh finds every test (with nm).
#define KERNEL_TEST_REGISTER(test_name, expectation, report)                                       \
    static void test_name##_body();                                                                \
    extern const testing::KernelTest kernel_test_##test_name; /* external: names are unique */     \
    [[gnu::used,                                                                                   \
      gnu::section(".kernel_tests")]] const testing::KernelTest kernel_test_##test_name{           \
        #test_name, test_name##_body, expectation, report};                                        \
    static void test_name##_body()

#define KERNEL_TEST(test_name) KERNEL_TEST_REGISTER(test_name, testing::Expectation::Pass, nullptr)
#define KERNEL_TEST_EXPECTING_PANIC(test_name, report)                                             \
    KERNEL_TEST_REGISTER(test_name, testing::Expectation::Panic, report)

#define EXPECT(condition)                                                                          \
    do {                                                                                           \
        if (!(condition))                                                                          \
            testing::fail(__FILE__, __LINE__, "EXPECT(%s)", #condition);                           \
    } while (0)

#define EXPECT_EQ(actual, expected)                                                                \
    testing::expect_equal(static_cast<unsigned long long>(actual),                                 \
                          static_cast<unsigned long long>(expected), #actual, #expected, __FILE__, \
                          __LINE__)
