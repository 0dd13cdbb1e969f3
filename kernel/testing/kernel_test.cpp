// The in-kernel test runner (see kernel_test.h): one test per boot (test=NAME), or a batch of
// them in one boot (test=all), each followed by a leak check.
#include "kernel/testing/kernel_test.h"
#include "arch/emulator.h"
#include "kernel/boot_info/command_line.h"
#include "kernel/console/console.h"
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/proc/process_table.h"
#include "kernel/proc/program_images.h"
#include "kernel/sched/kernel_thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/time/clock.h"
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

constexpr uint32_t SETTLE_MS = 2000;
constexpr uint32_t POLL_MS = 10;

void check_nothing_leaked(const Usage& before) {
    Usage after = usage_after_settling(before);
    if (after == before)
        return;
    fail(__FILE__, __LINE__,
         "leaked (before -> after): free frames %u -> %u, heap %zu -> %zu bytes, threads %zu -> "
         "%zu, processes %u -> %u",
         before.free_frames, after.free_frames, before.heap_bytes, after.heap_bytes, before.threads,
         after.threads, before.processes, after.processes);
}

// A test that must have a boot of its own: it ends in a panic, or it is declared alone (it
// needs command-line words, or leaves the kernel changed).
bool needs_own_boot(const KernelTest& test) {
    return test.expectation == Expectation::Panic || test.isolation == Isolation::OwnBoot;
}

// "test-shard=K/N": this boot runs the K-th of every N tests (K from 1). Whole when absent.
struct Shard {
    uint32_t index = 0;
    uint32_t count = 1;
};

Shard shard_from_command_line() {
    char text[16];
    Shard shard;
    if (!command_line::find("test-shard", text, sizeof text))
        return shard;
    uint32_t number = 0, count = 0;
    const char* character = text;
    for (; *character >= '0' && *character <= '9'; ++character)
        number = number * 10 + static_cast<uint32_t>(*character - '0');
    if (*character == '/') {
        for (++character; *character >= '0' && *character <= '9'; ++character)
            count = count * 10 + static_cast<uint32_t>(*character - '0');
    }
    if (*character != '\0' || count == 0 || number == 0 || number > count) {
        console::print("TEST FAIL all: test-shard=%s is not K/N with 1 <= K <= N\n", text);
        arch::exit_emulator(arch::EmulatorExit::Failure);
    }
    return {number - 1, count};
}

[[noreturn]] void run_batch() {
    Shard shard = shard_from_command_line();
    char after[64] = {};
    bool skipping = command_line::find("test-after", after, sizeof after);
    if (skipping && find(after) == nullptr) {
        console::print("TEST FAIL all: test-after=%s names no kernel test\n", after);
        arch::exit_emulator(arch::EmulatorExit::Failure);
    }
    uint32_t index = 0;
    for (const KernelTest* test = __kernel_tests_start; test != __kernel_tests_end;
         ++test, ++index) {
        if (index % shard.count != shard.index)
            continue;
        if (skipping) {
            skipping = strcmp(test->name, after) != 0;
            continue;
        }
        if (needs_own_boot(*test)) {
            console::print("TEST ALONE %s\n", test->name);
            continue;
        }
        Usage before = current_usage();
        clock::TickHandler tick_handler = clock::tick_handler();
        uint64_t started = clock::uptime_ms();
        run_body(*test);
        // Another handler left in the clock's one slot takes the scheduler's ticks from every
        // test after this one: no preemption, no sleeper woken by the timer.
        if (clock::tick_handler() != tick_handler)
            fail(__FILE__, __LINE__, "the test left another tick handler in the clock");
        check_nothing_leaked(before);
        console::print("TEST PASS %s\n", test->name);
        console::print("TEST TIME %s %llu ms\n", test->name, clock::uptime_ms() - started);
    }
    trace::finish();
    console::print("TEST BATCH DONE\n");
    arch::exit_emulator(arch::EmulatorExit::Success);
}

} // namespace

Usage current_usage() {
    program_images::drop_unused();
    InterruptGuard guard;
    return {memory::free_frame_count(), memory::kernel_heap_statistics().bytes_in_use,
            scheduler::all_threads().size(), process_table::count()};
}

Usage usage_after_settling(const Usage& before) {
    Usage after = current_usage();
    for (uint32_t waited = 0; waited < SETTLE_MS && !(after == before); waited += POLL_MS) {
        this_thread::sleep_ms(POLL_MS);
        after = current_usage();
    }
    return after;
}

// Not inlined: it is the frame a backtrace shows below every test's body, in a batch or alone.
[[gnu::noinline]] void run_body(const KernelTest& test) {
    g_current_test = test.name;
    console::print("TEST START %s\n", test.name);
    if (test.expectation == Expectation::Panic)
        console::print("TEST EXPECT PANIC: %s\n", test.expected_report);
    test.body();
    if (test.expectation == Expectation::Panic)
        fail(__FILE__, __LINE__, "the test returned, but it should have ended in a panic");
}

void run(const char* name) {
    if (strcmp(name, "all") == 0)
        run_batch();
    const KernelTest* test = find(name);
    if (test == nullptr) {
        console::print("TEST FAIL %s: no such kernel test\n", name);
        arch::exit_emulator(arch::EmulatorExit::Failure);
    }
    run_body(*test);
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
