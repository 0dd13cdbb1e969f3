// The in-kernel test runner (see kernel_test.h).
#include "kernel/testing/kernel_test.h"
#include "arch/emulator.h"
#include "kernel/console/console.h"
#include "kernel/trace/trace.h"
#include "libk/string.h"

extern "C" const testing::KernelTest __kernel_tests_start[];
extern "C" const testing::KernelTest __kernel_tests_end[];

namespace testing {
namespace {

const KernelTest* find(const char* name) {
    for (const KernelTest* test = __kernel_tests_start; test != __kernel_tests_end; ++test) {
        if (strcmp(test->name, name) == 0)
            return test;
    }
    return nullptr;
}

const char* g_current_test = "?";

} // namespace

void run(const char* name) {
    const KernelTest* test = find(name);
    if (test == nullptr) {
        console::print("TEST FAIL %s: no such kernel test\n", name);
        arch::exit_emulator(arch::EmulatorExit::Failure);
    }
    g_current_test = test->name;
    console::print("TEST START %s\n", test->name);
    if (test->expectation == Expectation::Panic)
        console::print("TEST EXPECT PANIC: %s\n", test->expected_report);
    test->body();
    if (test->expectation == Expectation::Panic)
        fail(__FILE__, __LINE__, "the test returned, but it should have ended in a panic");
    trace::finish(); // the rest of the trace, when tracing is on
    console::print("TEST PASS %s\n", test->name);
    arch::exit_emulator(arch::EmulatorExit::Success);
}

void fail(const char* file, int line, const char* format, ...) {
    console::print("TEST FAIL %s at %s:%d: ", g_current_test, file, line);
    va_list arguments;
    va_start(arguments, format);
    console::vprint(format, arguments);
    va_end(arguments);
    console::print("\n");
    trace::finish();
    arch::exit_emulator(arch::EmulatorExit::Failure);
}

void expect_equal(unsigned long long actual, unsigned long long expected, const char* actual_text,
                  const char* expected_text, const char* file, int line) {
    if (actual == expected)
        return;
    fail(file, line, "EXPECT_EQ(%s, %s): got %lld (0x%llx), expected %lld (0x%llx)", actual_text,
         expected_text, static_cast<long long>(actual), actual, static_cast<long long>(expected),
         expected);
}

} // namespace testing
