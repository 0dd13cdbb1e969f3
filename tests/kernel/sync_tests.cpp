// Kernel tests of mutexes and semaphores under real preemption: mutual exclusion with an exact
// count, the semaphore's bound, FIFO order, and the error cases. Order is only asserted where the
// objects themselves fix it (hand-off to the longest waiter), never where timing would.
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/condition_variable.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/semaphore.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

namespace {

// The shared counter of the race tests. Every increment reads it, lets other threads run (a
// yield, and a busy stretch in which the timer may strike), then writes it back: without mutual
// exclusion, increments are lost.
constexpr int WORKERS = 4;
constexpr int INCREMENTS = 300;

struct Race {
    bool go = false;
    uint32_t counter = 0;
    Mutex* mutex = nullptr;
    Semaphore* semaphore = nullptr;
};

void increment_slowly(uint32_t& counter, int round) {
    uint32_t value = load(counter);
    this_thread::yield();
    for (int i = 0; i < (round % 7) * 50; ++i)
        arch::pause();
    store(counter, value + 1);
}

intptr_t race_worker(void* argument) {
    auto* race = static_cast<Race*>(argument);
    while (!load(race->go)) // start together, once every worker exists
        this_thread::yield();
    for (int round = 0; round < INCREMENTS; ++round) {
        if (race->mutex)
            VERIFY(!race->mutex->lock().is_error());
        if (race->semaphore)
            race->semaphore->wait();
        increment_slowly(race->counter, round);
        if (race->semaphore)
            race->semaphore->post();
        if (race->mutex)
            VERIFY(!race->mutex->unlock().is_error());
    }
    return 0;
}

uint32_t run_race(Race& race) {
    ThreadId workers[WORKERS];
    for (ThreadId& worker : workers)
        worker = start("racer", race_worker, &race);
    store(race.go, true);
    for (ThreadId worker : workers)
        finish(worker);
    return race.counter;
}

} // namespace

KERNEL_TEST(without_a_lock_increments_are_lost) {
    // The yield between read and write hands the CPU to another worker that reads the same old
    // value: whatever the timing, some increments are overwritten.
    Race race;
    EXPECT(run_race(race) < WORKERS * INCREMENTS);
}

KERNEL_TEST(mutex_makes_the_shared_counter_exact) {
    Mutex mutex("counter");
    Race race;
    race.mutex = &mutex;
    EXPECT_EQ(run_race(race), WORKERS * INCREMENTS);
    EXPECT(!mutex.is_locked());
}

KERNEL_TEST(semaphore_of_one_works_as_a_lock) {
    Semaphore semaphore(1, "counter");
    Race race;
    race.semaphore = &semaphore;
    EXPECT_EQ(run_race(race), WORKERS * INCREMENTS);
    EXPECT_EQ(semaphore.value(), 1);
}

namespace {

constexpr uint32_t PERMITS = 3;
constexpr int KITCHEN_THREADS = 8;

struct Kitchen {
    bool go = false;
    Semaphore keys{PERMITS, "kitchen keys"};
    uint32_t inside = 0;
    uint32_t most_inside = 0;
};

intptr_t cook(void* argument) {
    auto* kitchen = static_cast<Kitchen*>(argument);
    while (!load(kitchen->go))
        this_thread::yield();
    for (int visit = 0; visit < 3; ++visit) {
        kitchen->keys.wait();
        {
            InterruptGuard guard;
            ++kitchen->inside;
            kitchen->most_inside = libk::max(kitchen->most_inside, kitchen->inside);
        }
        this_thread::sleep_ms(20); // hold the key a while, so the others pile up
        {
            InterruptGuard guard;
            --kitchen->inside;
        }
        kitchen->keys.post();
    }
    return 0;
}

} // namespace

KERNEL_TEST(semaphore_admits_up_to_its_permits_and_never_more) {
    static Kitchen kitchen;
    ThreadId cooks[KITCHEN_THREADS];
    for (ThreadId& thread : cooks)
        thread = start("cook", cook, &kitchen);
    store(kitchen.go, true);
    for (ThreadId thread : cooks)
        finish(thread);
    // Never more than PERMITS inside; and with eight threads queueing for three keys, each held
    // across a sleep, all three keys are in use at once.
    EXPECT_EQ(kitchen.most_inside, PERMITS);
    EXPECT_EQ(kitchen.inside, 0);
    EXPECT_EQ(kitchen.keys.value(), PERMITS);
}

KERNEL_TEST(semaphore_try_wait_and_value) {
    Semaphore semaphore(2);
    EXPECT_EQ(semaphore.value(), 2);
    EXPECT(semaphore.try_wait());
    EXPECT(semaphore.try_wait());
    EXPECT(!semaphore.try_wait());
    EXPECT_EQ(semaphore.value(), 0);
    semaphore.post();
    EXPECT_EQ(semaphore.value(), 1);
}

namespace {

constexpr int QUEUERS = 5;

struct Queue {
    Mutex mutex{"fifo"};
    Semaphore semaphore{0, "fifo"};
    int order[QUEUERS];
    int served = 0;
};
Queue* g_queue;

intptr_t lock_and_record(void* argument) {
    VERIFY(!g_queue->mutex.lock().is_error());
    g_queue->order[g_queue->served++] = static_cast<int>(reinterpret_cast<intptr_t>(argument));
    VERIFY(!g_queue->mutex.unlock().is_error());
    return 0;
}

intptr_t wait_and_record(void* argument) {
    g_queue->semaphore.wait();
    InterruptGuard guard;
    g_queue->order[g_queue->served++] = static_cast<int>(reinterpret_cast<intptr_t>(argument));
    return 0;
}

} // namespace

KERNEL_TEST(mutex_waiters_get_it_in_the_order_they_blocked) {
    static Queue queue;
    g_queue = &queue;
    EXPECT(!queue.mutex.lock().is_error());
    ThreadId threads[QUEUERS];
    for (int i = 0; i < QUEUERS; ++i) {
        threads[i] = start("queuer", lock_and_record, reinterpret_cast<void*>(i));
        wait_until([&] { return queue.mutex.waiter_count() == static_cast<size_t>(i + 1); },
                   "the thread to block on the mutex");
    }
    {
        InterruptGuard guard;
        EXPECT(!queue.mutex.unlock().is_error());
        // Handed off: the longest waiter owns it already, nobody can barge in.
        EXPECT(queue.mutex.owner() != nullptr);
        EXPECT_ERROR(queue.mutex.try_lock(), libk::Error::WouldBlock);
    }
    for (ThreadId thread : threads)
        finish(thread);
    for (int i = 0; i < QUEUERS; ++i)
        EXPECT_EQ(queue.order[i], i);
}

KERNEL_TEST(semaphore_waiters_get_permits_in_the_order_they_blocked) {
    static Queue queue;
    g_queue = &queue;
    ThreadId threads[QUEUERS];
    for (int i = 0; i < QUEUERS; ++i) {
        threads[i] = start("queuer", wait_and_record, reinterpret_cast<void*>(i));
        wait_until([&] { return queue.semaphore.waiter_count() == static_cast<size_t>(i + 1); },
                   "the thread to block on the semaphore");
    }
    // One permit at a time, each time waiting until its receiver has recorded itself: the order
    // recorded is exactly the order the permits went out.
    for (int i = 0; i < QUEUERS; ++i) {
        queue.semaphore.post();
        wait_until([&] { return load(queue.served) == i + 1; }, "the woken thread to record");
    }
    for (ThreadId thread : threads)
        finish(thread);
    for (int i = 0; i < QUEUERS; ++i)
        EXPECT_EQ(queue.order[i], i);
}

namespace {

intptr_t try_to_unlock(void* argument) {
    auto* mutex = static_cast<Mutex*>(argument);
    libk::ErrorOr<void> unlocked = mutex->unlock();
    libk::ErrorOr<void> tried = mutex->try_lock();
    if (!unlocked.is_error() || unlocked.error() != libk::Error::NotOwner)
        return 1;
    if (!tried.is_error() || tried.error() != libk::Error::WouldBlock)
        return 2;
    return 0;
}

} // namespace

KERNEL_TEST(mutex_errors_relock_and_foreign_unlock) {
    Mutex mutex("errors");
    EXPECT_ERROR(mutex.unlock(), libk::Error::NotOwner); // not locked at all
    EXPECT(!mutex.lock().is_error());
    EXPECT(mutex.owner() == &scheduler::current());
    EXPECT_ERROR(mutex.lock(), libk::Error::WouldDeadlock);
    EXPECT_ERROR(mutex.try_lock(), libk::Error::WouldDeadlock);
    // Another thread may neither unlock it nor take it.
    EXPECT_EQ(finish(start("intruder", try_to_unlock, &mutex)), 0);
    EXPECT(mutex.owner() == &scheduler::current());
    EXPECT(!mutex.unlock().is_error());
    EXPECT(!mutex.try_lock().is_error());
    EXPECT(!mutex.unlock().is_error());

    ConditionVariable condition;
    EXPECT_ERROR(condition.wait(mutex), libk::Error::NotOwner);
}
