// Threads in every state, for the gdb test of kthreads, kbt and kwait
// (tests/gdb/kernel_threads_seen_from_gdb.sh), and for docs/debugging.md's walk-through.
//
// The boot thread holds the mutex "restroom"; three visitors wait for it in a known order; a cook
// waits on the semaphore "kitchen"; a sleeper sleeps; a spinner is preempted by the timer. The
// checkpoints run with interrupts disabled, so the states the kernel printed are exactly the ones
// gdb sees. After the first checkpoint the boot thread unlocks the restroom: the second
// checkpoint shows the hand-off (visitor-1 owns it before it has even run).
#include "arch/cpu.h"
#include "kernel/console/console.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/semaphore.h"
#include "tests/kernel/debugger_checkpoint.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

namespace {

constexpr int VISITORS = 3;

struct Scene {
    Mutex restroom{"restroom"};
    Semaphore kitchen{0, "kitchen"};
    Spinner spinner;
    bool stop_sleeping = false;
    ThreadId entry_order[VISITORS] = {};
    int entered = 0;
};

intptr_t visit_restroom(void* argument) {
    auto* scene = static_cast<Scene*>(argument);
    MutexLocker locker(scene->restroom);
    scene->entry_order[scene->entered++] = this_thread::id();
    return 0;
}

intptr_t cook(void* argument) {
    static_cast<Scene*>(argument)->kitchen.wait();
    return 0;
}

intptr_t sleep_until_stopped(void* argument) {
    auto* scene = static_cast<Scene*>(argument);
    while (!load(scene->stop_sleeping))
        this_thread::sleep_ms(200); // long naps: mostly asleep whenever the test looks
    return 0;
}

ThreadState state_of(ThreadId id) {
    return info(id).state;
}

void announce(const char* role, ThreadId id) {
    console::print("debugger: %s is thread %u\n", role, id);
}

// Waits (interrupts on) until `ready()` holds, then returns with interrupts off, so that the
// situation cannot change before the checkpoints.
template <typename Condition>
void wait_then_hold_still(Condition ready, const char* what) {
    for (;;) {
        wait_until(ready, what);
        arch::disable_interrupts();
        if (ready())
            return;
        arch::enable_interrupts(); // it changed in between: wait again
    }
}

} // namespace

KERNEL_TEST(debugger_sees_threads_waiting) {
    Scene scene;
    EXPECT(!scene.restroom.lock().is_error());
    ThreadId visitors[VISITORS];
    const char* names[VISITORS] = {"visitor-1", "visitor-2", "visitor-3"};
    for (int i = 0; i < VISITORS; ++i) {
        // One at a time, so that they line up in a known order.
        visitors[i] = start(names[i], visit_restroom, &scene);
        wait_until([&] { return scene.restroom.waiter_count() == static_cast<size_t>(i + 1); },
                   "the visitor waits for the restroom");
        announce(names[i], visitors[i]);
    }
    ThreadId cook_thread = start("cook", cook, &scene);
    ThreadId sleeper = start("sleeper", sleep_until_stopped, &scene);
    ThreadId spinner = start("spinner", spin_until_stopped, &scene.spinner);
    announce("cook", cook_thread);
    announce("sleeper", sleeper);
    announce("spinner", spinner);

    wait_then_hold_still(
        [&] {
            return scene.kitchen.waiter_count() == 1 &&
                   state_of(sleeper) == ThreadState::Sleeping &&
                   info(spinner).statistics.times_preempted > 0;
        },
        "the cook waits, the sleeper sleeps, the spinner has been preempted");
    console::print("debugger: checkpoint 1, restroom owned by thread %u\n", this_thread::id());
    debugger_checkpoint("three visitors wait for the restroom");

    EXPECT(!scene.restroom.unlock().is_error());
    EXPECT(scene.restroom.owner() != nullptr);
    EXPECT_EQ(scene.restroom.owner()->id(), visitors[0]);
    console::print("debugger: checkpoint 2, restroom handed to thread %u\n", visitors[0]);
    debugger_checkpoint("the restroom is handed to the longest waiter");
    arch::enable_interrupts();

    scene.kitchen.post();
    store(scene.stop_sleeping, true);
    store(scene.spinner.stop, true);
    for (ThreadId visitor : visitors)
        finish(visitor);
    finish(cook_thread);
    finish(sleeper);
    finish(spinner);
    for (int i = 0; i < VISITORS; ++i)
        EXPECT_EQ(scene.entry_order[i], visitors[i]);
}
