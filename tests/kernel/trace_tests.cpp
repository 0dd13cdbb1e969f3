// Scenarios for the scheduling trace, and what tracing costs. The scenarios run with trace=on
// (tests/kernel/command-lines), so the test runner also collects their trace from COM2 and
// checks it with tools/trace/check_trace.py; `make trace TEST=trace_restroom` draws one.
// Each scenario checks its own invariants here as well, from counters kept under the lock.
#include "arch/cpu.h"
#include "kernel/bench/statistics.h"
#include "kernel/console/console.h"
#include "kernel/debug/panic.h"
#include "kernel/sync/interrupt_guard.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/semaphore.h"
#include "kernel/trace/trace.h"
#include "libk/format.h"
#include "libk/utility.h"
#include "tests/kernel/thread_test_support.h"

using namespace thread_test;

namespace {

// A stretch of work on the CPU (well under a time slice on the project machine, but a timer
// tick may still land in it).
void work_a_little() {
    for (int i = 0; i < 20000; ++i)
        arch::pause();
}

// --- the restroom: a room for one, behind a mutex ----------------------------------------------

constexpr int RESTROOM_WORKERS = 4;
constexpr int VISITS = 3;

struct Restroom {
    Mutex door{"restroom"};
    uint32_t inside = 0;        // protected by door
    uint32_t most_inside = 0;   // protected by door
    uint32_t longest_queue = 0; // protected by door
    uint32_t visits[RESTROOM_WORKERS] = {};
};

struct Worker {
    Restroom* restroom;
    int index;
};

intptr_t visit_restroom(void* argument) {
    auto* worker = static_cast<Worker*>(argument);
    Restroom& room = *worker->restroom;
    for (int visit = 0; visit < VISITS; ++visit) {
        VERIFY(!room.door.lock().is_error());
        ++room.inside;
        room.most_inside = libk::max(room.most_inside, room.inside);
        work_a_little();
        this_thread::sleep_ms(10); // stays inside, off the CPU: the others queue at the door
        room.longest_queue = libk::max(room.longest_queue, uint32_t(room.door.waiter_count()));
        ++room.visits[worker->index];
        --room.inside;
        VERIFY(!room.door.unlock().is_error());
        this_thread::sleep_ms(5 + 3 * worker->index); // outside for a while
    }
    return 0;
}

// --- the kitchen: a room for two, behind a semaphore with two keys -------------------------------

constexpr uint32_t KEYS = 2;
constexpr int COOKS = 3;

struct Kitchen {
    Semaphore keys{KEYS, "kitchen"};
    uint32_t inside = 0;      // protected by disabling interrupts
    uint32_t most_inside = 0; // protected by disabling interrupts
};

intptr_t cook(void* argument) {
    auto* kitchen = static_cast<Kitchen*>(argument);
    for (int visit = 0; visit < VISITS; ++visit) {
        kitchen->keys.wait();
        {
            InterruptGuard guard;
            ++kitchen->inside;
            kitchen->most_inside = libk::max(kitchen->most_inside, kitchen->inside);
        }
        work_a_little();
        this_thread::sleep_ms(10);
        {
            InterruptGuard guard;
            --kitchen->inside;
        }
        kitchen->keys.post();
        this_thread::sleep_ms(5);
    }
    return 0;
}

} // namespace

KERNEL_TEST_ALONE(trace_restroom) {
    EXPECT(trace::g_recording); // the command line has trace=on
    static Restroom room;
    Worker workers[RESTROOM_WORKERS];
    ThreadId threads[RESTROOM_WORKERS];
    for (int i = 0; i < RESTROOM_WORKERS; ++i) {
        workers[i] = {&room, i};
        char name[16];
        libk::format_buffer(name, sizeof name, "worker-%d", i + 1);
        threads[i] = start(name, visit_restroom, &workers[i]);
    }
    for (ThreadId thread : threads)
        finish(thread);
    EXPECT_EQ(room.most_inside, 1);
    for (uint32_t visits : room.visits)
        EXPECT_EQ(visits, VISITS);
    // The first worker stays inside across a sleep while the others start: they must queue.
    EXPECT(room.longest_queue >= 1);
    EXPECT_EQ(trace::statistics().records_lost, 0);
}

KERNEL_TEST_ALONE(trace_kitchen) {
    EXPECT(trace::g_recording);
    static Kitchen kitchen;
    ThreadId threads[COOKS];
    for (int i = 0; i < COOKS; ++i) {
        char name[16];
        libk::format_buffer(name, sizeof name, "cook-%d", i + 1);
        threads[i] = start(name, cook, &kitchen);
    }
    for (ThreadId thread : threads)
        finish(thread);
    EXPECT_EQ(kitchen.most_inside, KEYS);
    EXPECT_EQ(kitchen.keys.value(), KEYS);
    EXPECT_EQ(trace::statistics().records_lost, 0);
}

// --- what tracing costs -------------------------------------------------------------------------

namespace {

constexpr int SAMPLES = 2001;
uint64_t g_samples[SAMPLES];

uint64_t median_of_samples() {
    return bench::summarize(g_samples, SAMPLES).median; // SAMPLES is odd: the middle sample
}

intptr_t yield_until_stopped(void* argument) {
    auto* stop = static_cast<bool*>(argument);
    while (!load(*stop))
        this_thread::yield();
    return 0;
}

struct Costs {
    uint64_t yield_round_trip; // two switches
    uint64_t mutex_pair;       // lock + unlock, uncontended
};

// Medians in TSC cycles, each sample including one pair of TSC reads.
Costs measure() {
    bool stop = false;
    ThreadId partner = start("partner", yield_until_stopped, &stop);
    this_thread::yield(); // let the partner reach its loop
    for (uint64_t& sample : g_samples) {
        uint64_t start = arch::read_timestamp_counter();
        this_thread::yield();
        sample = arch::read_timestamp_counter() - start;
    }
    Costs costs;
    costs.yield_round_trip = median_of_samples();
    store(stop, true);
    finish(partner);

    Mutex mutex("measured");
    for (uint64_t& sample : g_samples) {
        uint64_t start = arch::read_timestamp_counter();
        VERIFY(!mutex.lock().is_error());
        VERIFY(!mutex.unlock().is_error());
        sample = arch::read_timestamp_counter() - start;
    }
    costs.mutex_pair = median_of_samples();
    return costs;
}

} // namespace

// Prints the cost of a yield switch and of a mutex pair with tracing off, then on (the test's
// command line has no trace=on; it starts tracing itself halfway). The ring has room for every
// record of the second half, so "on" measures real recording, never the dropping of records.
// Alone: tracing, once started, stays on for the rest of the boot.
KERNEL_TEST_ALONE(measure_trace_cost) {
    EXPECT(!trace::g_recording);
    Costs off = measure();
    EXPECT(!trace::start().is_error());
    Costs on = measure();
    trace::Statistics statistics = trace::statistics();
    console::print("measurement: tracing off: yield switch %llu cycles, mutex lock+unlock %llu\n",
                   off.yield_round_trip / 2, off.mutex_pair);
    console::print("measurement: tracing on:  yield switch %llu cycles, mutex lock+unlock %llu\n",
                   on.yield_round_trip / 2, on.mutex_pair);
    console::print("measurement: (medians of %d samples, TSC cycles; %llu records, %llu lost)\n",
                   SAMPLES, statistics.records_written + statistics.records_waiting,
                   statistics.records_lost);
    EXPECT_EQ(statistics.records_lost, 0);
    EXPECT(on.yield_round_trip > 0 && off.mutex_pair > 0);
}
