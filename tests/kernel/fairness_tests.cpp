// Kernel tests of fairness: a thread that blocks for a moment (it wakes a partner through a
// semaphore and sleeps until the partner wakes it back) must keep its share of the CPU next to
// threads that never block. Round robin owes the pair about 1/(K+1) of the CPU next to K such
// threads; a scheduler that sends every woken thread behind the busy ones gives it one hand-off
// per time slice instead. Counted in timer ticks, not in wall time, and against the same pair
// alone in the same boot, so a slow or busy host moves both counts alike.
#include "kernel/console/console.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/semaphore.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

namespace {

constexpr uint64_t WARM_UP_TICKS = 10;
// Several rounds of every busy thread's time slice (3 ticks by default), so that where the
// window starts in a round hardly matters.
constexpr uint64_t WINDOW_TICKS = 100;
constexpr int MOST_BUSY_THREADS = 4;

// Two threads that wake each other in turn: the "sleep/wake-up" of the textbooks.
struct WakingPair {
    Semaphore wake_partner{0, "wake partner"};
    Semaphore wake_me{0, "wake me"};
    uint64_t window_start = 0; // ticks; hand-offs are counted from here...
    uint64_t window_end = 0;   // ...to here
    uint32_t hand_offs = 0;    // completed inside the window
    bool stop = false;         // set by the test: the waking thread ends its loop
    bool partner_done = false; // set by the waking thread: the partner ends
};

intptr_t wake_partner_and_sleep(void* argument) {
    auto* pair = static_cast<WakingPair*>(argument);
    while (!load(pair->stop)) {
        pair->wake_partner.post();
        pair->wake_me.wait();
        uint64_t now = clock::ticks();
        if (now >= pair->window_start && now < pair->window_end)
            pair->hand_offs += 2; // there and back
    }
    // The partner waits for its next wake-up: this one tells it to end.
    store(pair->partner_done, true);
    pair->wake_partner.post();
    return 0;
}

intptr_t answer_each_wake_up(void* argument) {
    auto* pair = static_cast<WakingPair*>(argument);
    for (;;) {
        pair->wake_partner.wait();
        if (load(pair->partner_done))
            return 0;
        pair->wake_me.post();
    }
}

// The hand-offs a waking pair completes in WINDOW_TICKS ticks next to `busy_count` threads of
// the same priority that never block.
uint32_t hand_offs_next_to(int busy_count) {
    Spinner busy[MOST_BUSY_THREADS];
    ThreadId busy_ids[MOST_BUSY_THREADS];
    for (int index = 0; index < busy_count; ++index)
        busy_ids[index] = start("busy", spin_until_stopped, &busy[index]);
    WakingPair pair;
    {
        InterruptGuard guard;
        pair.window_start = clock::ticks() + WARM_UP_TICKS;
        pair.window_end = pair.window_start + WINDOW_TICKS;
    }
    ThreadId answering = start("answering", answer_each_wake_up, &pair);
    ThreadId waking = start("waking", wake_partner_and_sleep, &pair);
    wait_until([&] { return clock::ticks() >= pair.window_end; }, "the end of the window");
    store(pair.stop, true);
    finish(waking);
    finish(answering);
    for (int index = 0; index < busy_count; ++index) {
        store(busy[index].stop, true);
        finish(busy_ids[index]);
    }
    console::print("fairness: %u hand-offs in %llu ticks next to %d busy threads\n", pair.hand_offs,
                   WINDOW_TICKS, busy_count);
    return pair.hand_offs;
}

} // namespace

KERNEL_TEST(threads_that_block_briefly_keep_their_share_of_the_cpu) {
    uint32_t alone = hand_offs_next_to(0);
    EXPECT(alone > 0);
    const int busy_counts[] = {1, MOST_BUSY_THREADS};
    for (int busy_count : busy_counts) {
        uint32_t shared = hand_offs_next_to(busy_count);
        // The fair share is alone / (K+1); accept a quarter of it, for the slack of tick
        // accounting and of where the window falls. One hand-off per time slice is far below.
        uint32_t least = alone / (4 * static_cast<uint32_t>(busy_count + 1));
        if (shared < least)
            testing::fail(__FILE__, __LINE__,
                          "next to %d busy threads the pair made %u hand-offs in %llu ticks, "
                          "alone %u: less than a quarter of its fair share (%u)",
                          busy_count, shared, WINDOW_TICKS, alone, least);
    }
}
