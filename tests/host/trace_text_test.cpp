// Host tests of the trace's text: every kind of record becomes the line docs/trace-format.md
// describes, with the time in microseconds and names made safe for a key=value format.
#include "kernel/trace/event_text.h"
#include <gtest/gtest.h>
#include <string>

namespace {

using namespace trace;

// 2000 cycles per microsecond, so timestamp 2000 * t is t microseconds.
constexpr Timebase TWO_GIGAHERTZ{2'000'000};

std::string line_of(Record record, const char* name = "") {
    char line[128];
    size_t length = format_event(record, name, TWO_GIGAHERTZ, line, sizeof line);
    EXPECT_EQ(length, std::string(line).size());
    return line;
}

Record make(Event event, uint32_t thread, uint32_t other = 0, uint32_t object = 0,
            uint32_t value = 0, uint8_t detail = 0) {
    Record record;
    record.timestamp = 2000 * 1500;
    record.event = event;
    record.detail = detail;
    record.thread = thread;
    record.other = other;
    record.object = object;
    record.value = value;
    return record;
}

uint8_t kind(ObjectKind object_kind) {
    return static_cast<uint8_t>(object_kind);
}

TEST(TraceText, MicrosecondsFromCycles) {
    EXPECT_EQ(to_microseconds(0, TWO_GIGAHERTZ), 0u);
    EXPECT_EQ(to_microseconds(1999, TWO_GIGAHERTZ), 0u);
    EXPECT_EQ(to_microseconds(2000, TWO_GIGAHERTZ), 1u);
    // An hour at 3 GHz does not overflow the conversion.
    EXPECT_EQ(to_microseconds(3'000'000'000ull * 3600, Timebase{3'000'000}), 3'600'000'000ull);
}

TEST(TraceText, ThreadsAndProcesses) {
    EXPECT_EQ(line_of(make(Event::Running, 1)), "1500 running tid=1");
    EXPECT_EQ(line_of(make(Event::ThreadCreate, 4, 0), "worker-1"),
              "1500 thread_create tid=4 pid=0 name=worker-1");
    EXPECT_EQ(
        line_of(make(Event::ThreadCreate, 2, 0, 0, 0, uint8_t(StateAtStart::Blocked)), "reaper"),
        "1500 thread_create tid=2 pid=0 name=reaper state=blocked");
    EXPECT_EQ(line_of(make(Event::ThreadExit, 4)), "1500 thread_exit tid=4");
    EXPECT_EQ(line_of(make(Event::ProcessCreate, 3, 1), "restroom"),
              "1500 process_create pid=3 name=restroom parent=1");
    EXPECT_EQ(line_of(make(Event::ProcessExit, 3, 0, 0, uint32_t(-11))),
              "1500 process_exit pid=3 status=-11");
}

TEST(TraceText, SwitchReasons) {
    const char* reasons[] = {"preempted", "blocked", "yielded", "slept", "exited"};
    for (uint8_t reason = 0; reason < 5; ++reason)
        EXPECT_EQ(line_of(make(Event::Switch, 4, 5, 0, 0, reason)),
                  std::string("1500 switch out=4 in=5 reason=") + reasons[reason]);
}

TEST(TraceText, BlockingAndWaking) {
    EXPECT_EQ(line_of(make(Event::Block, 5, 0, 1, 0, kind(ObjectKind::Mutex))),
              "1500 block tid=5 object=mutex:1");
    EXPECT_EQ(line_of(make(Event::Wake, 5, 4, 1, 0, kind(ObjectKind::Mutex))),
              "1500 wake tid=5 object=mutex:1 by=4");
    EXPECT_EQ(line_of(make(Event::Block, 5, 0, 0, 0, kind(ObjectKind::Sleep))),
              "1500 block tid=5 object=sleep");
    EXPECT_EQ(line_of(make(Event::Wake, 5, NO_THREAD, 0, 0, kind(ObjectKind::Sleep))),
              "1500 wake tid=5 object=sleep");
    EXPECT_EQ(line_of(make(Event::Block, 1, 0, 4, 0, kind(ObjectKind::Join))),
              "1500 block tid=1 object=join:4");
}

TEST(TraceText, MutexAndSemaphore) {
    uint8_t mutex = kind(ObjectKind::Mutex);
    uint8_t semaphore = kind(ObjectKind::Semaphore);
    EXPECT_EQ(line_of(make(Event::ObjectName, 0, 0, 1, 0, mutex), "restroom"),
              "1500 object_name object=mutex:1 name=restroom");
    EXPECT_EQ(line_of(make(Event::MutexAcquire, 4, 0, 1, 0, mutex)),
              "1500 mutex_acquire tid=4 object=mutex:1");
    EXPECT_EQ(line_of(make(Event::MutexContended, 5, 4, 1, 0, mutex)),
              "1500 mutex_contended tid=5 object=mutex:1 owner=4");
    EXPECT_EQ(line_of(make(Event::MutexRelease, 4, 5, 1, 0, mutex)),
              "1500 mutex_release tid=4 object=mutex:1 next=5");
    EXPECT_EQ(line_of(make(Event::MutexRelease, 4, NO_THREAD, 1, 0, mutex)),
              "1500 mutex_release tid=4 object=mutex:1 next=0");
    EXPECT_EQ(line_of(make(Event::SemaphoreWait, 6, 0, 2, 0, semaphore)),
              "1500 semaphore_wait tid=6 object=semaphore:2 value=0");
    EXPECT_EQ(line_of(make(Event::SemaphoreAcquire, 6, 0, 2, 1, semaphore)),
              "1500 semaphore_acquire tid=6 object=semaphore:2 value=1");
    EXPECT_EQ(line_of(make(Event::SemaphorePost, 4, 6, 2, 0, semaphore)),
              "1500 semaphore_post tid=4 object=semaphore:2 value=0 next=6");
    EXPECT_EQ(line_of(make(Event::SemaphorePost, 4, NO_THREAD, 2, 2, semaphore)),
              "1500 semaphore_post tid=4 object=semaphore:2 value=2 next=0");
    EXPECT_EQ(line_of(make(Event::Lost, 0, 0, 0, 17)), "1500 trace_lost count=17");
}

TEST(TraceText, NamesHaveNoSpacesOrControlCharacters) {
    EXPECT_EQ(line_of(make(Event::ObjectName, 0, 0, 3, 0, kind(ObjectKind::Semaphore)),
                      "kitchen keys\t\x01"),
              "1500 object_name object=semaphore:3 name=kitchen_keys??");
    EXPECT_EQ(line_of(make(Event::ThreadCreate, 9, 0), ""),
              "1500 thread_create tid=9 pid=0 name=?");
}

TEST(TraceText, LineIsCutToTheBuffer) {
    char line[16];
    size_t length = format_event(make(Event::MutexContended, 5, 4, 1, 0, kind(ObjectKind::Mutex)),
                                 "", TWO_GIGAHERTZ, line, sizeof line);
    EXPECT_EQ(length, 15u);
    EXPECT_EQ(std::string(line), "1500 mutex_cont");
}

} // namespace
