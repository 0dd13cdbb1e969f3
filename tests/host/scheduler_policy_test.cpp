// Host tests of the default scheduling policy (round robin within priority levels): order within
// a level, priorities, time slices, the rest of a slice kept across a wait, removal of any ready
// thread, and the level mask that makes pick_next() O(1), checked against a simple model under
// random operations.
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

// The running thread is charged tick after tick until the policy says its slice is used up.
void use_up_slice(RoundRobinPolicy& policy, Thread& running) {
    while (policy.on_tick(running) == TickDecision::KeepRunning)
        continue;
}

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

TEST(RoundRobinPolicy, AThreadThatUsedUpItsSliceGoesToTheBackOfItsLevel) {
    Threads threads;
    RoundRobinPolicy policy(3);
    for (int i = 0; i < 3; ++i)
        policy.enqueue(threads.make(PRIORITY_DEFAULT), EnqueueReason::Created);
    std::vector<ThreadId> order;
    for (int turn = 0; turn < 7; ++turn) {
        Thread* running = policy.pick_next();
        order.push_back(running->id());
        use_up_slice(policy, *running);
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
        use_up_slice(policy, *running);
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

// A thread that blocks in the middle of its slice (a lock handed over, a semaphore, a sleep)
// finishes its turn when it wakes, ahead of the threads waiting for a new one: otherwise it
// would wait behind every CPU-bound thread after each short wait.
TEST(RoundRobinPolicy, AWokenThreadFinishesItsTurnBeforeOthersStartANewOne) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& sleeper = threads.make(PRIORITY_DEFAULT);
    Thread& busy_a = threads.make(PRIORITY_DEFAULT);
    Thread& busy_b = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(sleeper, EnqueueReason::Created);
    policy.enqueue(busy_a, EnqueueReason::Created);
    policy.enqueue(busy_b, EnqueueReason::Created);
    ASSERT_EQ(policy.pick_next(), &sleeper);
    EXPECT_EQ(policy.on_tick(sleeper), TickDecision::KeepRunning); // one tick of three used
    // It blocks; busy_a runs, and meanwhile the sleeper is woken.
    ASSERT_EQ(policy.pick_next(), &busy_a);
    policy.enqueue(sleeper, EnqueueReason::Woken);
    EXPECT_EQ(policy.resuming_count_at(PRIORITY_DEFAULT), 1u);
    use_up_slice(policy, busy_a);
    policy.enqueue(busy_a, EnqueueReason::Preempted);
    // Ahead of busy_b, which waited longer but for a new turn, with the two ticks it had left.
    ASSERT_EQ(policy.pick_next(), &sleeper);
    EXPECT_EQ(sleeper.scheduling_state().time_slice_left, 2u);
    EXPECT_EQ(policy.on_tick(sleeper), TickDecision::KeepRunning);
    EXPECT_EQ(policy.on_tick(sleeper), TickDecision::Preempt);
    // Its turn is over: to the back, behind the busy threads.
    policy.enqueue(sleeper, EnqueueReason::Preempted);
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{busy_b.id(), busy_a.id(), sleeper.id()}));
    EXPECT_EQ(sleeper.scheduling_state().time_slice_left, 3u); // a new turn, a whole slice
}

TEST(RoundRobinPolicy, ThreadsFinishingTheirTurnsGoInTheOrderTheyWoke) {
    Threads threads;
    RoundRobinPolicy policy(3);
    std::vector<Thread*> sleepers;
    for (int i = 0; i < 3; ++i) {
        Thread& thread = threads.make(PRIORITY_DEFAULT);
        policy.enqueue(thread, EnqueueReason::Created);
        ASSERT_EQ(policy.pick_next(), &thread); // it runs and blocks with its slice unused
        sleepers.push_back(&thread);
    }
    Thread& waiting = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(waiting, EnqueueReason::Created);
    for (int i : {2, 0, 1})
        policy.enqueue(*sleepers[static_cast<size_t>(i)], EnqueueReason::Woken);
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{sleepers[2]->id(), sleepers[0]->id(),
                                                    sleepers[1]->id(), waiting.id()}));
}

TEST(RoundRobinPolicy, NewAndYieldingThreadsWaitForANewTurn) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& waiting = threads.make(PRIORITY_DEFAULT);
    Thread& yielder = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(yielder, EnqueueReason::Created);
    ASSERT_EQ(policy.pick_next(), &yielder);
    policy.enqueue(waiting, EnqueueReason::Created);
    // Its slice is untouched, but a yield gives the turn away.
    policy.enqueue(yielder, EnqueueReason::Yielded);
    Thread& newcomer = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(newcomer, EnqueueReason::Created);
    EXPECT_EQ(policy.resuming_count_at(PRIORITY_DEFAULT), 0u);
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{waiting.id(), yielder.id(), newcomer.id()}));
    EXPECT_EQ(yielder.scheduling_state().time_slice_left, 3u);
}

TEST(RoundRobinPolicy, AThreadPreemptedByAMoreUrgentOneKeepsItsTurn) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& running = threads.make(PRIORITY_DEFAULT);
    Thread& next_in_line = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(running, EnqueueReason::Created);
    policy.enqueue(next_in_line, EnqueueReason::Created);
    ASSERT_EQ(policy.pick_next(), &running);
    EXPECT_EQ(policy.on_tick(running), TickDecision::KeepRunning);
    Thread& urgent = threads.make(PRIORITY_DEFAULT + 1);
    policy.enqueue(urgent, EnqueueReason::Woken);
    ASSERT_TRUE(policy.should_preempt(running, urgent));
    policy.enqueue(running, EnqueueReason::Preempted);
    EXPECT_EQ(drain(policy), (std::vector<ThreadId>{urgent.id(), running.id(), next_in_line.id()}));
    EXPECT_EQ(running.scheduling_state().time_slice_left, 2u);
}

TEST(RoundRobinPolicy, RemovesAThreadFromEitherQueueOfItsLevel) {
    Threads threads;
    RoundRobinPolicy policy(3);
    Thread& resuming = threads.make(PRIORITY_DEFAULT);
    Thread& waiting = threads.make(PRIORITY_DEFAULT);
    policy.enqueue(resuming, EnqueueReason::Created);
    ASSERT_EQ(policy.pick_next(), &resuming);
    policy.enqueue(resuming, EnqueueReason::Woken);
    policy.enqueue(waiting, EnqueueReason::Created);
    policy.dequeue(resuming);
    EXPECT_EQ(policy.ready_count(), 1u);
    policy.dequeue(waiting);
    EXPECT_EQ(policy.non_empty_levels(), 0u);
    EXPECT_THROW(policy.dequeue(waiting), KernelPanic);
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

// Random enqueues (for every reason), dequeues, picks and ticks, compared step by step with a
// plain model: per level, a vector of threads finishing a turn and one of threads waiting for a
// new turn; the next thread is the first of the highest non-empty level, finishing ones first.
// After every step the mask must name exactly the non-empty levels; that invariant is what
// makes the pick O(1).
TEST(RoundRobinPolicy, MatchesAModelUnderRandomOperations) {
    constexpr uint32_t QUANTUM = 2;
    Threads threads;
    RoundRobinPolicy policy(QUANTUM);
    struct ModelLevel {
        std::deque<Thread*> resuming, waiting;
    };
    std::vector<ModelLevel> model(PRIORITY_LEVELS);
    std::vector<Thread*> idle; // made, but not ready: running, blocked or not started
    std::vector<uint32_t> slice_left(201, 0); // by thread id, what the model expects
    for (int i = 0; i < 200; ++i)
        idle.push_back(&threads.make(static_cast<Priority>(i % PRIORITY_LEVELS)));
    const EnqueueReason reasons[] = {EnqueueReason::Created, EnqueueReason::Woken,
                                     EnqueueReason::Yielded, EnqueueReason::Preempted};
    std::mt19937 random(12345);

    for (int step = 0; step < 40000; ++step) {
        unsigned action = random() % 4;
        if (action == 0 && !idle.empty()) {
            size_t index = random() % idle.size();
            Thread* thread = idle[index];
            idle.erase(idle.begin() + static_cast<long>(index));
            EnqueueReason reason = reasons[random() % 4];
            uint32_t& left = slice_left[thread->id()];
            if (reason == EnqueueReason::Created || reason == EnqueueReason::Yielded)
                left = 0;
            policy.enqueue(*thread, reason);
            ModelLevel& level = model[thread->priority()];
            (left > 0 ? level.resuming : level.waiting).push_back(thread);
        } else if (action == 1) {
            Thread* expected = nullptr;
            for (int level = PRIORITY_HIGHEST; level >= 0 && !expected; --level) {
                for (std::deque<Thread*>* queue : {&model[level].resuming, &model[level].waiting}) {
                    if (!expected && !queue->empty()) {
                        expected = queue->front();
                        queue->pop_front();
                    }
                }
            }
            Thread* picked = policy.pick_next();
            ASSERT_EQ(picked, expected);
            if (picked) {
                uint32_t& left = slice_left[picked->id()];
                if (left == 0)
                    left = QUANTUM;
                ASSERT_EQ(picked->scheduling_state().time_slice_left, left);
                idle.push_back(picked);
            }
        } else if (action == 2 && !idle.empty()) {
            // A tick while a thread that is not in the ready set runs.
            Thread* thread = idle[random() % idle.size()];
            uint32_t& left = slice_left[thread->id()];
            if (left > 0)
                --left;
            TickDecision expected = left > 0 ? TickDecision::KeepRunning : TickDecision::Preempt;
            ASSERT_EQ(policy.on_tick(*thread), expected);
        } else if (action == 3) {
            unsigned level = random() % PRIORITY_LEVELS;
            std::deque<Thread*>& queue =
                random() % 2 ? model[level].resuming : model[level].waiting;
            if (queue.empty())
                continue;
            size_t index = random() % queue.size();
            Thread* thread = queue[index];
            queue.erase(queue.begin() + static_cast<long>(index));
            policy.dequeue(*thread);
            idle.push_back(thread);
        }
        uint32_t expected_mask = 0;
        for (unsigned level = 0; level < PRIORITY_LEVELS; ++level) {
            size_t resuming = model[level].resuming.size();
            size_t ready = resuming + model[level].waiting.size();
            ASSERT_EQ(policy.ready_count_at(static_cast<Priority>(level)), ready);
            ASSERT_EQ(policy.resuming_count_at(static_cast<Priority>(level)), resuming);
            if (ready > 0)
                expected_mask |= 1u << level;
        }
        ASSERT_EQ(policy.non_empty_levels(), expected_mask);
    }
}

} // namespace
