// One event of the scheduling trace as the kernel keeps it: a fixed-size binary record, filled
// with a few stores while interrupts are off, and turned into a line of text (event_text.h) only
// later, by the trace writer. docs/trace-format.md describes the text.
#pragma once

#include "libk/types.h"

namespace trace {

enum class Event : uint8_t {
    Running,          // thread has the CPU when the trace starts
    ProcessCreate,    // thread = process id, other = parent; a name follows
    ProcessExit,      // thread = process id, value = exit status
    ThreadCreate,     // thread, other = its process id, detail = StateAtStart; a name follows
    ThreadExit,       // thread
    Switch,           // thread = out, other = in, detail = SwitchReason
    Block,            // thread blocks on object
    Wake,             // thread is woken from object by other (NO_THREAD: by the timer)
    ObjectName,       // object; a name follows
    MutexAcquire,     // thread now owns the mutex object
    MutexContended,   // thread found object owned by other
    MutexRelease,     // thread released object, handing it to other (NO_THREAD: nobody)
    SemaphoreWait,    // thread asks for a key of object; value = free keys before
    SemaphoreAcquire, // thread got a key; value = free keys after
    SemaphorePost,    // thread gave a key back, to other (NO_THREAD: to the free keys);
                      // value = free keys after
    Lost,             // value = records dropped here because the ring was full
};

// Why the thread that leaves the CPU stopped running.
enum class SwitchReason : uint8_t { Preempted, Blocked, Yielded, Slept, Exited };

// For ThreadCreate: New for a thread created while tracing (it is ready), otherwise the state of
// a thread that already existed when the trace started.
enum class StateAtStart : uint8_t { New, Ready, Running, Blocked, Sleeping };

// What a thread waits for or holds. The text names an object "kind:number" ("mutex:3").
enum class ObjectKind : uint8_t {
    None,
    Mutex,
    Semaphore,
    Join,  // number = the thread being joined
    Sleep, // the timer; written without a number
};

constexpr uint32_t NO_THREAD = 0xFFFFFFFF;

struct Record {
    uint64_t timestamp = 0; // TSC cycles (event_text.h turns them into microseconds)
    Event event = Event::Running;
    uint8_t detail = 0;    // SwitchReason for Switch, ObjectKind for events on an object
    bool has_name = false; // the ring slot after this one holds the name
    uint8_t unused = 0;
    uint32_t thread = 0;
    uint32_t other = 0;
    uint32_t object = 0; // the object's number within its kind
    uint32_t value = 0;
    uint32_t padding = 0; // to 32 bytes on i386 too, where a uint64_t aligns to 4
};

// Names (of threads, processes, objects) travel in a slot of their own right after their record,
// so the common record stays small. Longer names are cut.
constexpr size_t NAME_SIZE = 32; // 31 characters and the terminator

union Slot {
    Record record{};
    char name[NAME_SIZE];
};
static_assert(sizeof(Slot) == 32);

} // namespace trace
