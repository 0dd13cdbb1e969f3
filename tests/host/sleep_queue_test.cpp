// Host tests of the sleep queue: threads wake in order of their wake tick, never before it, and
// in the order they went to sleep when the ticks are equal.
#include "kernel/sched/sleep_queue.h"
#include "tests/host/kernel_panic_double.h"
#include <deque>
#include <gtest/gtest.h>
#include <random>
#include <vector>

namespace {

class SleepQueueTest : public ::testing::Test {
protected:
    Thread& make_thread() {
        ThreadId id = static_cast<ThreadId>(m_threads.size() + 1);
        return m_threads.emplace_back(id, "sleeper", nullptr, PRIORITY_DEFAULT);
    }
    std::vector<ThreadId> pop_all_due(SleepQueue& queue, uint64_t now) {
        std::vector<ThreadId> woken;
        while (Thread* thread = queue.pop_due(now))
            woken.push_back(thread->id());
        return woken;
    }
    std::deque<Thread> m_threads;
};

TEST_F(SleepQueueTest, NothingIsDueInAnEmptyQueue) {
    SleepQueue queue;
    EXPECT_EQ(queue.pop_due(1000), nullptr);
}

TEST_F(SleepQueueTest, WakesInOrderOfWakeTickNotOfArrival) {
    SleepQueue queue;
    queue.add(make_thread(), 30); // 1
    queue.add(make_thread(), 10); // 2
    queue.add(make_thread(), 20); // 3
    queue.add(make_thread(), 40); // 4
    EXPECT_EQ(queue.first()->id(), 2u);
    EXPECT_EQ(pop_all_due(queue, 1000), (std::vector<ThreadId>{2, 3, 1, 4}));
}

TEST_F(SleepQueueTest, NobodyWakesEarly) {
    SleepQueue queue;
    queue.add(make_thread(), 10);
    queue.add(make_thread(), 12);
    EXPECT_TRUE(pop_all_due(queue, 9).empty());
    EXPECT_EQ(pop_all_due(queue, 10), (std::vector<ThreadId>{1}));
    EXPECT_TRUE(pop_all_due(queue, 11).empty());
    EXPECT_EQ(pop_all_due(queue, 12), (std::vector<ThreadId>{2}));
    EXPECT_TRUE(queue.is_empty());
}

TEST_F(SleepQueueTest, EqualTicksWakeInTheOrderTheyWentToSleep) {
    SleepQueue queue;
    queue.add(make_thread(), 5);
    queue.add(make_thread(), 7);
    queue.add(make_thread(), 5);
    queue.add(make_thread(), 7);
    queue.add(make_thread(), 5);
    EXPECT_EQ(pop_all_due(queue, 7), (std::vector<ThreadId>{1, 3, 5, 2, 4}));
}

TEST_F(SleepQueueTest, RemoveTakesASleeperOutEarly) {
    SleepQueue queue;
    Thread& a = make_thread();
    Thread& b = make_thread();
    queue.add(a, 5);
    queue.add(b, 6);
    EXPECT_TRUE(queue.remove(a));
    EXPECT_FALSE(queue.remove(a));
    EXPECT_EQ(pop_all_due(queue, 10), (std::vector<ThreadId>{2}));
}

TEST_F(SleepQueueTest, ASleepingThreadCannotBeAddedTwice) {
    SleepQueue queue;
    Thread& a = make_thread();
    queue.add(a, 5);
    EXPECT_THROW(queue.add(a, 9), KernelPanic);
}

TEST_F(SleepQueueTest, RandomSleepsComeOutSorted) {
    SleepQueue queue;
    std::mt19937 random(7);
    for (int i = 0; i < 500; ++i)
        queue.add(make_thread(), random() % 100);
    uint64_t previous_tick = 0;
    ThreadId previous_id = 0;
    size_t count = 0;
    for (uint64_t now = 0; now < 100; ++now) {
        while (Thread* thread = queue.pop_due(now)) {
            EXPECT_LE(thread->wake_tick(), now);
            EXPECT_GE(thread->wake_tick(), previous_tick);
            if (thread->wake_tick() == previous_tick) {
                EXPECT_GT(thread->id(), previous_id); // FIFO among equals
            }
            previous_tick = thread->wake_tick();
            previous_id = thread->id();
            ++count;
        }
        // Everything still queued is due later than now.
        if (!queue.is_empty()) {
            EXPECT_GT(queue.first()->wake_tick(), now);
        }
    }
    EXPECT_EQ(count, 500u);
}

} // namespace
