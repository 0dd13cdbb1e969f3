// Kernel test of the condition variable: a bounded buffer with producers and consumers, in which
// every item must be delivered exactly once and the buffer never holds more than its capacity.
#include "kernel/debug/panic.h"
#include "kernel/sync/condition_variable.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

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
