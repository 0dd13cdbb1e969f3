// Small helpers shared by the thread and synchronization tests: start and join threads with the
// test failing on any error, check an expected error, and wait (off the CPU) for a condition.
#pragma once

#include "kernel/sched/kernel_thread.h"
#include "kernel/testing/kernel_test.h"
#include "kernel/time/clock.h"
#include "libk/error_or.h"

namespace thread_test {

inline ThreadId start(const char* name, ThreadEntry entry, void* argument = nullptr,
                      Priority priority = PRIORITY_DEFAULT) {
    libk::ErrorOr<ThreadId> thread = kernel_thread::create(name, entry, argument, priority);
    if (thread.is_error())
        testing::fail(__FILE__, __LINE__, "could not create thread %s: %s", name,
                      libk::error_description(thread.error()));
    return thread.value();
}

inline intptr_t finish(ThreadId id) {
    libk::ErrorOr<intptr_t> value = kernel_thread::join(id);
    if (value.is_error())
        testing::fail(__FILE__, __LINE__, "join(%u) failed: %s", id,
                      libk::error_description(value.error()));
    return value.value();
}

inline kernel_thread::ThreadInfo info(ThreadId id) {
    libk::ErrorOr<kernel_thread::ThreadInfo> thread = kernel_thread::info(id);
    if (thread.is_error())
        testing::fail(__FILE__, __LINE__, "no thread %u", id);
    return thread.value();
}

template <typename Result>
void expect_error(const Result& result, libk::Error expected, const char* text, const char* file,
                  int line) {
    if (!result.is_error())
        testing::fail(file, line, "%s succeeded; expected the error \"%s\"", text,
                      libk::error_description(expected));
    if (result.error() != expected)
        testing::fail(file, line, "%s failed with \"%s\"; expected \"%s\"", text,
                      libk::error_description(result.error()), libk::error_description(expected));
}

// Sleeps in 10 ms steps until `condition()` holds; fails the test after `seconds` (generous:
// the waiting costs nothing when the condition comes true early).
template <typename Condition>
void wait_until(Condition condition, const char* what, uint32_t seconds = 30) {
    uint64_t deadline = clock::ticks() + static_cast<uint64_t>(clock::hz()) * seconds;
    while (!condition()) {
        if (clock::ticks() > deadline)
            testing::fail(__FILE__, __LINE__, "gave up after %u s waiting for: %s", seconds, what);
        this_thread::sleep_ms(10);
    }
}

template <typename T>
T load(const T& variable) {
    return __atomic_load_n(&variable, __ATOMIC_SEQ_CST);
}
template <typename T>
void store(T& variable, T value) {
    __atomic_store_n(&variable, value, __ATOMIC_SEQ_CST);
}

// A CPU-bound thread body: never yields, never blocks; only the timer can take the CPU away.
struct Spinner {
    uint32_t count = 0;
    bool stop = false;
};

inline intptr_t spin_until_stopped(void* argument) {
    auto* spinner = static_cast<Spinner*>(argument);
    while (!load(spinner->stop))
        __atomic_add_fetch(&spinner->count, 1, __ATOMIC_RELAXED);
    return 0;
}

} // namespace thread_test

#define EXPECT_ERROR(expression, error)                                                            \
    thread_test::expect_error((expression), (error), #expression, __FILE__, __LINE__)
