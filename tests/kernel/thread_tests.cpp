// Kernel tests of the life of threads: exit values and the errors of join and detach, reclaiming
// 500 threads without leaving memory behind, the thread dump, and a stack overflow named after
// its thread.
#include "kernel/memory/frames.h"
#include "kernel/memory/kernel_heap.h"
#include "kernel/sched/thread_dump.h"
#include "libk/string.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

namespace {

intptr_t square(void* argument) {
    auto number = reinterpret_cast<intptr_t>(argument);
    if (number % 2 == 1)
        this_thread::exit(number * number); // leaving early gives the same result
    return number * number;
}

} // namespace

KERNEL_TEST(join_returns_each_thread_exit_value) {
    ThreadId threads[8];
    for (intptr_t i = 0; i < 8; ++i)
        threads[i] = start("square", square, reinterpret_cast<void*>(i));
    for (intptr_t i = 7; i >= 0; --i)
        EXPECT_EQ(finish(threads[i]), i * i);
}

namespace {

intptr_t sleep_then_return_five(void*) {
    this_thread::sleep_ms(100);
    return 5;
}

intptr_t join_the_argument(void* argument) {
    auto id = static_cast<ThreadId>(reinterpret_cast<uintptr_t>(argument));
    libk::ErrorOr<intptr_t> value = kernel_thread::join(id);
    return value.is_error() ? -1 : value.value();
}

} // namespace

KERNEL_TEST(join_errors_self_twice_unknown_and_concurrent) {
    EXPECT_ERROR(kernel_thread::join(this_thread::id()), libk::Error::WouldDeadlock);
    EXPECT_ERROR(kernel_thread::join(1000000), libk::Error::NoSuchThread);
    EXPECT_ERROR(kernel_thread::join(0), libk::Error::InvalidArgument); // idle never exits
    EXPECT_ERROR(kernel_thread::detach(0), libk::Error::InvalidArgument);

    ThreadId once = start("join-once", square, reinterpret_cast<void*>(3));
    EXPECT_EQ(finish(once), 9);
    EXPECT_ERROR(kernel_thread::join(once), libk::Error::NoSuchThread);

    // A second joiner while the first one waits.
    ThreadId sleeper = start("sleeper", sleep_then_return_five);
    ThreadId joiner = start("joiner", join_the_argument, reinterpret_cast<void*>(sleeper));
    wait_until([&] { return info(joiner).state == ThreadState::Blocked; },
               "the joiner to block in join()");
    EXPECT_ERROR(kernel_thread::join(sleeper), libk::Error::AlreadyJoined);
    EXPECT_EQ(finish(joiner), 5);
}

KERNEL_TEST(detached_threads_are_reclaimed_and_cannot_be_joined) {
    ThreadId thread = start("detached", sleep_then_return_five);
    EXPECT(!kernel_thread::detach(thread).is_error());
    EXPECT_ERROR(kernel_thread::join(thread), libk::Error::InvalidArgument);
    EXPECT_ERROR(kernel_thread::detach(thread), libk::Error::InvalidArgument);
    wait_until([&] { return kernel_thread::info(thread).is_error(); },
               "the reaper to free the detached thread");
}

namespace {

constexpr int MANY = 500;
uint32_t g_ran;

intptr_t count_and_return_argument(void* argument) {
    __atomic_add_fetch(&g_ran, 1, __ATOMIC_RELAXED);
    return reinterpret_cast<intptr_t>(argument);
}

void create_and_join_many() {
    static ThreadId threads[MANY];
    for (intptr_t i = 0; i < MANY; ++i)
        threads[i] = start("many", count_and_return_argument, reinterpret_cast<void*>(i));
    for (intptr_t i = 0; i < MANY; ++i)
        EXPECT_EQ(finish(threads[i]), i);
}

} // namespace

KERNEL_TEST(five_hundred_threads_leave_no_memory_behind) {
    // A first round lets the heap and the kernel stack area grow to their working size (both
    // keep what they grew); the second round must then return every frame and heap byte.
    create_and_join_many();
    size_t free_frames = memory::free_frame_count();
    memory::HeapStatistics heap = memory::kernel_heap_statistics();
    g_ran = 0;
    create_and_join_many();
    EXPECT_EQ(g_ran, MANY);
    EXPECT_EQ(memory::free_frame_count(), free_frames);
    EXPECT_EQ(memory::kernel_heap_statistics().bytes_in_use, heap.bytes_in_use);
    EXPECT_EQ(memory::kernel_heap_statistics().blocks_in_use, heap.blocks_in_use);
}

namespace {

struct TextBuffer {
    char text[8192];
    size_t length = 0;
};

void append(char character, void* context) {
    auto* buffer = static_cast<TextBuffer*>(context);
    if (buffer->length + 1 < sizeof buffer->text)
        buffer->text[buffer->length++] = character;
    buffer->text[buffer->length] = '\0';
}

bool contains(const char* text, const char* part) {
    size_t length = strlen(part);
    for (; *text; ++text) {
        if (strncmp(text, part, length) == 0)
            return true;
    }
    return false;
}

// Long enough to be seen sleeping in the dump, short enough to be joined at the end of the test.
intptr_t sleep_long(void*) {
    this_thread::sleep_ms(500);
    return 0;
}

} // namespace

KERNEL_TEST(thread_dump_shows_each_thread_and_its_registers) {
    Spinner spinner;
    ThreadId spinning = start("dump-spinner", spin_until_stopped, &spinner);
    ThreadId sleeping = start("dump-sleeper", sleep_long);
    wait_until([&] { return info(spinning).statistics.times_preempted > 0; },
               "the spinner to be preempted");
    wait_until([&] { return info(sleeping).state == ThreadState::Sleeping; },
               "the sleeper to sleep");
    static TextBuffer dump;
    scheduler::dump_threads(append, &dump);
    scheduler::dump_threads(); // and on the console, for whoever reads the log
    EXPECT(contains(dump.text, "dump-spinner"));
    EXPECT(contains(dump.text, "dump-sleeper"));
    EXPECT(contains(dump.text, "sleeping"));
    EXPECT(contains(dump.text, "idle"));
    EXPECT(contains(dump.text, "running: the dump is printed on its time"));
    // The spinner was preempted: its dump has the interrupted registers, and the eip in them is
    // in the spinning function.
    EXPECT(contains(dump.text, "preempted by the timer"));
    EXPECT(contains(dump.text, "spin_until_stopped"));
    EXPECT(contains(dump.text, "saved eip"));
    store(spinner.stop, true);
    finish(spinning);
    finish(sleeping);
}

namespace {

bool g_keep_recursing = true;

// A few hundred bytes of stack per call, never returning: it must run into the guard page.
[[gnu::noinline]] int recurse_without_end(int depth) {
    volatile char frame[256];
    frame[0] = static_cast<char>(depth);
    if (!load(g_keep_recursing))
        return frame[0];
    return recurse_without_end(depth + 1) + frame[0];
}

intptr_t overflow_my_stack(void*) {
    return recurse_without_end(0);
}

} // namespace

KERNEL_TEST_EXPECTING_PANIC(a_thread_overflowing_its_stack_is_named,
                            "kernel stack overflow in thread 'deep-recursion'") {
    finish(start("deep-recursion", overflow_my_stack));
}
