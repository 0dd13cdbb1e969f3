// Host tests of the default scheduling policy (round robin within priority levels): order within
// a level, priorities, time slices, removal of any ready thread, and the level mask that makes
// pick_next() O(1), checked against a simple model under random operations.
#include "kernel/sched/round_robin_policy.h"
#include "tests/host/kernel_panic_double.h"
#include <deque>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace {

// Threads for the policy to order; nothing here ever runs.
struct Threads {
    std::deque<Thread> all; // a deque: threads cannot move once made
    Thread& make(Priority priority) {
        ThreadId id = static_cast<ThreadId>(all.size() + 1);
        return all.emplace_back(id, "test", nullptr, priority);
    }
};

std::vector<ThreadId> drain(RoundRobinPolicy& policy) {
    std::vector<ThreadId> order;
    while (Thread* thread = policy.pick_next())
        order.push_back(thread->id());
    return order;
}

TEST(RoundRobinPolicy, NothingReadyPicksNothing) {
    RoundRobinPolicy policy(3);
    EXPECT_EQ(policy.pick_next(), nullptr);
    EXPECT_EQ(policy.non_empty_levels(), 0u);
}

TEST(RoundRobinPolicy, SameLevelIsFirstInFirstOut) {
    Threads threads;
    RoundRobinPolicy policy(3);
    for (int i = 0; i < 4; ++i)
        policy.enqueue(threads.make(PRIORITY_DEFAULT), EnqueueReason::Created);
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{1, 2, 3, 4}));
}

TEST(RoundRobinPolicy, APreemptedThreadGoesToTheBackOfItsLevel) {
    Threads threads;
    RoundRobinPolicy policy(3);
    for (int i = 0; i < 3; ++i)
        policy.enqueue(threads.make(PRIORITY_DEFAULT), EnqueueReason::Created);
    std::vector<ThreadId> order;
    for (int turn = 0; turn < 7; ++turn) {
        Thread* running = policy.pick_next();
        order.push_back(running->id());
        policy.enqueue(*running, EnqueueReason::Preempted);
    }
    EXPECT_EQ(order, (std::vector<ThreadId>{1, 2, 3, 1, 2, 3, 1}));
}

TEST(RoundRobinPolicy, HigherPriorityFirstWhateverTheOrderOfArrival) {
    Threads threads;
    RoundRobinPolicy policy(3);
    policy.enqueue(threads.make(4), EnqueueReason::Created);                // 1
    policy.enqueue(threads.make(PRIORITY_HIGHEST), EnqueueReason::Created); // 2
    policy.enqueue(threads.make(PRIORITY_LOWEST), EnqueueReason::Created);  // 3
    policy.enqueue(threads.make(20), EnqueueReason::Created);               // 4
    policy.enqueue(threads.make(4), EnqueueReason::Woken);                  // 5
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{2, 4, 1, 5, 3}));
}

TEST(RoundRobinPolicy, LowerLevelRunsOnlyWhenHigherLevelsAreEmpty) {
    Threads threads;
    RoundRobinPolicy policy(1);
    Thread& high_a = threads.make(10);
    Thread& high_b = threads.make(10);
    Thread& low = threads.make(5);
    policy.enqueue(low, EnqueueReason::Created);
    policy.enqueue(high_a, EnqueueReason::Created);
    policy.enqueue(high_b, EnqueueReason::Created);
    // The two high threads take turns; the low one starves while they stay ready.
    for (int turn = 0; turn < 10; ++turn) {
        Thread* running = policy.pick_next();
        EXPECT_EQ(running->priority(), 10);
        policy.enqueue(*running, EnqueueReason::Preempted);
    }
    policy.dequeue(high_a);
    policy.dequeue(high_b);
    EXPECT_EQ(policy.pick_next(), &low);
}

TEST(RoundRobinPolicy, TimeSliceIsTheQuantum) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& thread = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(thread, EnqueueReason::Created);
    ASSERT_EQ(policy.pick_next(), &thread);
    EXPECT_EQ(thread.scheduling_state().time_slice_left, 3u);
    EXPECT_EQ(policy.on_tick(thread), TickDecision::KeepRunning);
    EXPECT_EQ(policy.on_tick(thread), TickDecision::KeepRunning);
    EXPECT_EQ(policy.on_tick(thread), TickDecision::Preempt);
    // Picked again: a fresh slice.
    policy.enqueue(thread, EnqueueReason::Preempted);
    ASSERT_EQ(policy.pick_next(), &thread);
    EXPECT_EQ(thread.scheduling_state().time_slice_left, 3u);
}

TEST(RoundRobinPolicy, QuantumOfOneTickPreemptsEveryTick) {
    Threads threads;
    RoundRobinPolicy policy(1);
    Thread& thread = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(thread, EnqueueReason::Created);
    ASSERT_EQ(policy.pick_next(), &thread);
    EXPECT_EQ(policy.on_tick(thread), TickDecision::Preempt);
}

TEST(RoundRobinPolicy, OnlyAMoreUrgentThreadPreemptsAtOnce) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& running = threads.make(10);
    EXPECT_TRUE(policy.should_preempt(running, threads.make(11)));
    EXPECT_FALSE(policy.should_preempt(running, threads.make(10)));
    EXPECT_FALSE(policy.should_preempt(running, threads.make(9)));
}

TEST(RoundRobinPolicy, RemovesAnyReadyThread) {
    Threads threads;
    RoundRobinPolicy policy(3);
    for (int i = 0; i < 5; ++i)
        policy.enqueue(threads.make(PRIORITY_DEFAULT), EnqueueReason::Created);
    policy.dequeue(threads.all[2]); // the middle one
    policy.dequeue(threads.all[0]); // the first one
    policy.dequeue(threads.all[4]); // the last one
    EXPECT_EQ(policy.ready_count(), 2u);
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{2, 4}));
}

TEST(RoundRobinPolicy, LevelMaskFollowsTheQueues) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& a = threads.make(3);
    Thread& b = threads.make(3);
    Thread& c = threads.make(30);
    policy.enqueue(a, EnqueueReason::Created);
    EXPECT_EQ(policy.non_empty_levels(), 1u << 3);
    policy.enqueue(b, EnqueueReason::Created);
    policy.enqueue(c, EnqueueReason::Created);
    EXPECT_EQ(policy.non_empty_levels(), (1u << 3) | (1u << 30));
    policy.dequeue(a);
    EXPECT_EQ(policy.non_empty_levels(), (1u << 3) | (1u << 30)); // b is still at level 3
    EXPECT_EQ(policy.pick_next(), &c);
    EXPECT_EQ(policy.non_empty_levels(), 1u << 3);
    EXPECT_EQ(policy.pick_next(), &b);
    EXPECT_EQ(policy.non_empty_levels(), 0u);
}

TEST(RoundRobinPolicy, QueueingAThreadTwiceIsABrokenInvariant) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& thread = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(thread, EnqueueReason::Created);
    EXPECT_THROW(policy.enqueue(thread, EnqueueReason::Woken), KernelPanic);
    EXPECT_EQ(policy.ready_count(), 1u);
}

TEST(RoundRobinPolicy, DequeueingAThreadThatIsNotReadyIsABrokenInvariant) {
    Threads threads;
    RoundRobinPolicy policy(3);
    EXPECT_THROW(policy.dequeue(threads.make(PRIORITY_DEFAULT)), KernelPanic);
}

// Random enqueues, dequeues and picks, compared step by step with a plain model: one vector per
// level, the next thread being the front of the highest non-empty one. After every step the
// mask must name exactly the non-empty levels; that invariant is what makes the pick O(1).
TEST(RoundRobinPolicy, MatchesAModelUnderRandomOperations) {
    Threads threads;
    RoundRobinPolicy policy(2);
    std::vector<std::deque<Thread*>> model(PRIORITY_LEVELS);
    std::vector<Thread*> idle; // made, but not ready
    for (int i = 0; i < 200; ++i)
        idle.push_back(&threads.make(static_cast<Priority>(i % PRIORITY_LEVELS)));
    std::mt19937 random(12345);

    for (int step = 0; step < 20000; ++step) {
        unsigned action = random() % 3;
        if (action == 0 && !idle.empty()) {
            size_t index = random() % idle.size();
            Thread* thread = idle[index];
            idle.erase(idle.begin() + static_cast<long>(index));
            policy.enqueue(*thread, EnqueueReason::Woken);
            model[thread->priority()].push_back(thread);
        } else if (action == 1) {
            Thread* expected = nullptr;
            for (int level = PRIORITY_HIGHEST; level >= 0 && !expected; --level) {
                if (!model[level].empty()) {
                    expected = model[level].front();
                    model[level].pop_front();
                }
            }
            Thread* picked = policy.pick_next();
            ASSERT_EQ(picked, expected);
            if (picked)
                idle.push_back(picked);
        } else {
            unsigned level = random() % PRIORITY_LEVELS;
            if (model[level].empty())
                continue;
            size_t index = random() % model[level].size();
            Thread* thread = model[level][index];
            model[level].erase(model[level].begin() + static_cast<long>(index));
            policy.dequeue(*thread);
            idle.push_back(thread);
        }
        uint32_t expected_mask = 0;
        for (unsigned level = 0; level < PRIORITY_LEVELS; ++level) {
            ASSERT_EQ(policy.ready_count_at(static_cast<Priority>(level)), model[level].size());
            if (!model[level].empty())
                expected_mask |= 1u << level;
        }
        ASSERT_EQ(policy.non_empty_levels(), expected_mask);
    }
}

} // namespace
