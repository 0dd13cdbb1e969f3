// In-kernel tests. Each test is a function registered with KERNEL_TEST(name) in tests/kernel/;
// the boot command line "test=name" makes kernel_main run it instead of the normal start-up.
// The test prints "TEST PASS name" and QEMU exits with the success status, or a failed EXPECT
// prints "TEST FAIL ..." and QEMU exits with the failure status (tools/run-tests.sh reads both).
//
// "test=all" runs a batch in one boot: every test in registration order (or the K-th of every N
// with "test-shard=K/N"; "test-after=NAME" starts after NAME), each followed by a leak check:
// free frames, heap bytes, threads and processes must come back to what they were before it,
// and the clock's tick handler (the scheduler's) must be the one it was.
// A test that cannot share a boot is skipped with a "TEST ALONE name" line, and the runner gives
// it a boot of its own: tests that end in a panic, and tests declared with KERNEL_TEST_ALONE
// (they need words on the command line, tests/kernel/command-lines, or change the kernel for
// good). The batch ends with "TEST BATCH DONE"; a failure ends it early, and the runner starts
// another boot after the failed test (docs/user-tests.md).
//
// A test that is supposed to end in a panic (the exception and panic paths) is declared with
// KERNEL_TEST_EXPECTING_PANIC(name, "text"): it announces the text, and the runner passes it only
// if QEMU exits with the failure status and the panic report contains that text.
#pragma once

#include "libk/types.h"

namespace testing {

enum class Expectation { Pass, Panic };
enum class Isolation { SharedBoot, OwnBoot };

struct KernelTest {
    const char* name;
    void (*body)();
    Expectation expectation;
    const char* expected_report; // for Expectation::Panic: text the panic report must contain
    Isolation isolation;
};

// Runs the named test, or the batch for "all", and exits QEMU with the verdict. Does not return.
[[noreturn]] void run(const char* name);

// Announces the test and runs its body (a failed EXPECT does not come back).
void run_body(const KernelTest& test);

[[noreturn]] void fail(const char* file, int line, const char* format, ...)
    __attribute__((format(printf, 3, 4)));

void expect_equal(unsigned long long actual, unsigned long long expected, const char* actual_text,
                  const char* expected_text, const char* file, int line);

// What a test could leak: after a test in a batch (and after each failed call of the
// fault-injection tests), each must be back where it was.
struct Usage {
    uint32_t free_frames;
    size_t heap_bytes;
    size_t threads;
    uint32_t processes;

    bool operator==(const Usage&) const = default;
};

// The usage now; the program-image cache is first emptied of images no process uses, so only
// frames that nothing keeps count as free.
Usage current_usage();

// The usage once it is back to `before`, or after 2 s: threads and processes that ended are
// collected by the reaper a moment later, so a difference is only a leak when it lasts.
Usage usage_after_settling(const Usage& before);

} // namespace testing

// The registration is a constant KernelTest placed in the .kernel_tests section; the linker
// script gathers them between __kernel_tests_start and __kernel_tests_end. The symbol name
// kernel_test_<name> is also how tools/run-tests.sh finds every test (with nm).
#define KERNEL_TEST_REGISTER(test_name, expectation, report, isolation)                            \
    static void test_name##_body();                                                                \
    extern const testing::KernelTest kernel_test_##test_name; /* external: names are unique */     \
    [[gnu::used,                                                                                   \
      gnu::section(".kernel_tests")]] const testing::KernelTest kernel_test_##test_name{           \
        #test_name, test_name##_body, expectation, report, isolation};                             \
    static void test_name##_body()

// A test with a boot of its own also gets a symbol kernel_test_own_boot_<name> (one byte, never
// read), so the runner knows from nm alone which tests to boot one by one.
#define KERNEL_TEST_MARK_OWN_BOOT(test_name)                                                       \
    extern const char kernel_test_own_boot_##test_name;                                            \
    [[gnu::used,                                                                                   \
      gnu::section(".kernel_test_marks")]] const char kernel_test_own_boot_##test_name = 0

#define KERNEL_TEST(test_name)                                                                     \
    KERNEL_TEST_REGISTER(test_name, testing::Expectation::Pass, nullptr,                           \
                         testing::Isolation::SharedBoot)
#define KERNEL_TEST_ALONE(test_name)                                                               \
    KERNEL_TEST_MARK_OWN_BOOT(test_name);                                                          \
    KERNEL_TEST_REGISTER(test_name, testing::Expectation::Pass, nullptr,                           \
                         testing::Isolation::OwnBoot)
#define KERNEL_TEST_EXPECTING_PANIC(test_name, report)                                             \
    KERNEL_TEST_MARK_OWN_BOOT(test_name);                                                          \
    KERNEL_TEST_REGISTER(test_name, testing::Expectation::Panic, report,                           \
                         testing::Isolation::OwnBoot)

#define EXPECT(condition)                                                                          \
    do {                                                                                           \
        if (!(condition))                                                                          \
            testing::fail(__FILE__, __LINE__, "EXPECT(%s)", #condition);                           \
    } while (0)

#define EXPECT_EQ(actual, expected)                                                                \
    testing::expect_equal(static_cast<unsigned long long>(actual),                                 \
                          static_cast<unsigned long long>(expected), #actual, #expected, __FILE__, \
                          __LINE__)
