// Host tests of the WaitQueue logic: waiters are woken in the order they blocked, wake_all wakes
// everyone oldest first, a waiter can be taken out without waking, and a thread cannot wait in
// two places. The scheduler underneath is a recording stand-in: here "blocking" returns at once
// and "waking" is written down, so the test sees exactly what the queue asked of the scheduler.
#include "kernel/sched/scheduler.h"
#include "kernel/sync/wait_queue.h"
#include "tests/host/kernel_panic_double.h"
#include <deque>
#include <gtest/gtest.h>
#include <vector>

namespace {

struct FakeScheduler {
    Thread* running = nullptr;
    std::vector<ThreadId> blocked; // block_current() calls, by running thread
    std::vector<ThreadId> woken;   // make_ready() calls
};
FakeScheduler g_fake;

} // namespace

namespace scheduler {

Thread& current() {
    return *g_fake.running;
}

void block_current(ThreadState why) {
    g_fake.running->set_state(why);
    g_fake.blocked.push_back(g_fake.running->id());
}

void make_ready(Thread& thread) {
    thread.set_state(ThreadState::Ready);
    g_fake.woken.push_back(thread.id());
}

} // namespace scheduler

namespace {

class WaitQueueTest : public ::testing::Test {
protected:
    void SetUp() override { g_fake = FakeScheduler{}; }

    Thread& make_thread() {
        ThreadId id = static_cast<ThreadId>(m_threads.size() + 1);
        return m_threads.emplace_back(id, "waiter", nullptr, PRIORITY_DEFAULT);
    }
    // `thread` runs and calls queue.wait().
    void wait_as(Thread& thread, WaitQueue& queue) {
        thread.set_state(ThreadState::Running);
        g_fake.running = &thread;
        queue.wait();
    }

    std::deque<Thread> m_threads;
};

TEST_F(WaitQueueTest, WaitBlocksTheRunningThreadInTheQueue) {
    WaitQueue queue;
    Thread& thread = make_thread();
    wait_as(thread, queue);
    EXPECT_EQ(g_fake.blocked, (std::vector<ThreadId>{1}));
    EXPECT_EQ(thread.state(), ThreadState::Blocked);
    EXPECT_TRUE(queue.contains(thread));
    EXPECT_EQ(queue.size(), 1u);
    EXPECT_TRUE(queue.wake_one() == &thread);
    EXPECT_TRUE(queue.is_empty());
}

TEST_F(WaitQueueTest, WakeOneWakesInTheOrderOfBlocking) {
    WaitQueue queue;
    for (int i = 0; i < 4; ++i)
        wait_as(make_thread(), queue);
    EXPECT_EQ(queue.first()->id(), 1u);
    EXPECT_EQ(queue.wake_one()->id(), 1u);
    EXPECT_EQ(queue.wake_one()->id(), 2u);
    // A thread that blocks now queues behind those still waiting.
    wait_as(make_thread(), queue);
    EXPECT_EQ(queue.wake_one()->id(), 3u);
    EXPECT_EQ(queue.wake_one()->id(), 4u);
    EXPECT_EQ(queue.wake_one()->id(), 5u);
    EXPECT_EQ(queue.wake_one(), nullptr);
    EXPECT_EQ(g_fake.woken, (std::vector<ThreadId>{1, 2, 3, 4, 5}));
    for (Thread& thread : m_threads)
        EXPECT_EQ(thread.state(), ThreadState::Ready);
}

TEST_F(WaitQueueTest, WakeOneOnAnEmptyQueueWakesNobody) {
    WaitQueue queue;
    EXPECT_EQ(queue.wake_one(), nullptr);
    EXPECT_TRUE(g_fake.woken.empty());
}

TEST_F(WaitQueueTest, WakeAllWakesEveryoneOldestFirst) {
    WaitQueue queue;
    for (int i = 0; i < 3; ++i)
        wait_as(make_thread(), queue);
    EXPECT_EQ(queue.wake_all(), 3u);
    EXPECT_EQ(g_fake.woken, (std::vector<ThreadId>{1, 2, 3}));
    EXPECT_TRUE(queue.is_empty());
    EXPECT_EQ(queue.wake_all(), 0u);
}

TEST_F(WaitQueueTest, RemoveTakesAWaiterOutWithoutWakingIt) {
    WaitQueue queue;
    for (int i = 0; i < 3; ++i)
        wait_as(make_thread(), queue);
    EXPECT_TRUE(queue.remove(m_threads[1]));
    EXPECT_FALSE(queue.remove(m_threads[1])); // not there any more
    EXPECT_TRUE(g_fake.woken.empty());
    EXPECT_EQ(m_threads[1].state(), ThreadState::Blocked);
    EXPECT_EQ(queue.wake_all(), 2u);
    EXPECT_EQ(g_fake.woken, (std::vector<ThreadId>{1, 3}));
}

TEST_F(WaitQueueTest, QueuesAreIndependent) {
    WaitQueue first, second;
    Thread& a = make_thread();
    Thread& b = make_thread();
    wait_as(a, first);
    wait_as(b, second);
    EXPECT_FALSE(first.remove(b));
    EXPECT_EQ(second.wake_one(), &b);
    EXPECT_EQ(first.wake_one(), &a);
}

TEST_F(WaitQueueTest, IterationIsOldestFirst) {
    WaitQueue queue;
    for (int i = 0; i < 3; ++i)
        wait_as(make_thread(), queue);
    std::vector<ThreadId> order;
    for (Thread& thread : queue)
        order.push_back(thread.id());
    EXPECT_EQ(order, (std::vector<ThreadId>{1, 2, 3}));
    EXPECT_EQ(queue.wake_all(), 3u);
}

TEST_F(WaitQueueTest, AThreadCannotWaitInTwoQueues) {
    WaitQueue first, second;
    Thread& thread = make_thread();
    wait_as(thread, first);
    // A blocked thread calling wait() again is a kernel bug the queue refuses.
    EXPECT_THROW(wait_as(thread, second), KernelPanic);
    EXPECT_TRUE(second.is_empty());
    EXPECT_EQ(first.wake_one(), &thread);
}

} // namespace
