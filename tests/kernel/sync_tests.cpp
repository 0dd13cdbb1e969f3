// Kernel tests of the synchronization objects under real preemption: mutual exclusion with an
// exact count, the semaphore's bound, FIFO order, the error cases, a bounded buffer on a
// condition variable, and spinlock and interrupt-guard behaviour. Order is only asserted where
// the objects themselves fix it (hand-off to the longest waiter), never where timing would.
#include "arch/cpu.h"
#include "kernel/debug/panic.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/condition_variable.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/semaphore.h"
#include "kernel/sync/spinlock.h"
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

namespace {

constexpr int CAPACITY = 4;
constexpr int PRODUCERS = 3;
constexpr int CONSUMERS = 3;
constexpr int ITEMS_EACH = 200;
constexpr int STOP = -1;

// A bounded buffer: a ring of CAPACITY items, one mutex, two condition variables.
struct BoundedBuffer {
    Mutex mutex{"buffer"};
    ConditionVariable not_full, not_empty;
    int items[CAPACITY];
    int head = 0, count = 0, most = 0;
    uint8_t delivered[PRODUCERS * ITEMS_EACH];

    void put(int item) {
        MutexLocker locker(mutex);
        while (count == CAPACITY) // Mesa: re-check after every wake-up
            VERIFY(!not_full.wait(mutex).is_error());
        items[(head + count) % CAPACITY] = item;
        most = libk::max(most, ++count);
        not_empty.signal();
    }
    int take() {
        MutexLocker locker(mutex);
        while (count == 0)
            VERIFY(!not_empty.wait(mutex).is_error());
        int item = items[head];
        head = (head + 1) % CAPACITY;
        --count;
        not_full.signal();
        return item;
    }
};
BoundedBuffer* g_buffer;

intptr_t produce(void* argument) {
    auto producer = static_cast<int>(reinterpret_cast<intptr_t>(argument));
    for (int i = 0; i < ITEMS_EACH; ++i)
        g_buffer->put(producer * ITEMS_EACH + i);
    return 0;
}

intptr_t consume(void*) {
    intptr_t taken = 0;
    for (int item; (item = g_buffer->take()) != STOP; ++taken)
        ++g_buffer->delivered[item]; // each item is taken by exactly one consumer
    return taken;
}

} // namespace

KERNEL_TEST(condition_variable_bounded_buffer_delivers_every_item_once) {
    static BoundedBuffer buffer;
    g_buffer = &buffer;
    ThreadId producers[PRODUCERS], consumers[CONSUMERS];
    for (int i = 0; i < CONSUMERS; ++i)
        consumers[i] = start("consumer", consume);
    for (intptr_t i = 0; i < PRODUCERS; ++i)
        producers[i] = start("producer", produce, reinterpret_cast<void*>(i));
    for (ThreadId producer : producers)
        finish(producer);
    for (int i = 0; i < CONSUMERS; ++i)
        buffer.put(STOP);
    intptr_t taken = 0;
    for (ThreadId consumer : consumers)
        taken += finish(consumer);
    EXPECT_EQ(taken, PRODUCERS * ITEMS_EACH);
    for (uint8_t times : buffer.delivered)
        EXPECT_EQ(times, 1);
    EXPECT(buffer.most <= CAPACITY);
    EXPECT_EQ(buffer.count, 0);
}

KERNEL_TEST(spinlock_and_interrupt_guard_restore_the_interrupt_state) {
    EXPECT(arch::interrupts_enabled());
    Spinlock outer("outer"), inner("inner");
    {
        SpinlockLocker outer_locker(outer);
        EXPECT(!arch::interrupts_enabled());
        EXPECT(outer.is_held_by_this_cpu());
        EXPECT_EQ(spinlocks_held_by_this_cpu(), 1);
        {
            SpinlockLocker inner_locker(inner);
            EXPECT_EQ(spinlocks_held_by_this_cpu(), 2);
        }
        EXPECT(!arch::interrupts_enabled()); // the inner lock found them off
        {
            InterruptGuard guard;
            EXPECT(!guard.were_enabled());
        }
        EXPECT(!arch::interrupts_enabled());
    }
    EXPECT(arch::interrupts_enabled());
    EXPECT(!outer.is_locked());
    EXPECT_EQ(spinlocks_held_by_this_cpu(), 0);
    {
        InterruptGuard guard;
        EXPECT(guard.were_enabled());
        EXPECT(!arch::interrupts_enabled());
    }
    EXPECT(arch::interrupts_enabled());
}

KERNEL_TEST_EXPECTING_PANIC(spinlock_taken_twice_by_its_holder_panics,
                            "taken again by the CPU that holds it") {
    Spinlock lock("twice");
    lock.lock();
    lock.lock();
}

KERNEL_TEST_EXPECTING_PANIC(blocking_while_holding_a_spinlock_panics, "spinlocks_held") {
    Spinlock lock("held");
    Semaphore empty(0);
    SpinlockLocker locker(lock);
    empty.wait();
}

namespace {

struct Wakeup {
    Semaphore signal{0, "wake-up"};
    bool ran = false;
};

intptr_t wait_then_note(void* argument) {
    auto* wakeup = static_cast<Wakeup*>(argument);
    wakeup->signal.wait();
    store(wakeup->ran, true);
    return 0;
}

} // namespace

KERNEL_TEST(a_woken_urgent_thread_runs_when_the_critical_section_ends) {
    // More urgent than this thread: runs at once, blocks on the semaphore.
    static Wakeup wakeup;
    ThreadId urgent = start("urgent", wait_then_note, &wakeup, PRIORITY_DEFAULT + 1);
    EXPECT_EQ(wakeup.signal.waiter_count(), 1);

    Spinlock lock("section");
    {
        SpinlockLocker locker(lock);
        wakeup.signal.post(); // ready now, and more urgent than us...
        for (int i = 0; i < 100000; ++i)
            arch::pause();
        EXPECT(!load(wakeup.ran)); // ...but nothing preempts a spinlock holder
    }
    // Releasing the lock was the first safe point: the urgent thread has run already.
    EXPECT(load(wakeup.ran));
    finish(urgent);
}
