// The hooks' side of the trace (trace.h): each recording function fills a record or two and
// appends them to the ring. This is the hot path when tracing is on, so it does no formatting
// and no allocation; names are copied as they are (the writer cleans them up).
#include "kernel/trace/recorder.h"
#include "arch/cpu.h"
#include "kernel/memory/interrupts_off.h"
#include "kernel/proc/process.h"
#include "kernel/sched/scheduler.h"
#include "kernel/sync/mutex.h"
#include "kernel/sync/semaphore.h"
#include "kernel/trace/trace.h"

namespace trace {

bool g_recording = false;

namespace {

// Both protected by disabling interrupts.
constinit RecordRing g_ring;
uint32_t g_next_object_number = 1;

// The time stamp is taken with interrupts off, so records are in the ring in time order.
void append(Record record, const char* name = nullptr) {
    memory::InterruptsOff interrupts_off;
    record.timestamp = arch::read_timestamp_counter();
    g_ring.push(record, name);
}

uint32_t process_id(const Thread& thread) {
    return thread.process() != nullptr ? thread.process()->id() : 0;
}

uint32_t current_id() {
    return scheduler::current().id();
}

StateAtStart state_at_start(ThreadState state) {
    switch (state) {
    case ThreadState::Ready:
        return StateAtStart::Ready;
    case ThreadState::Running:
        return StateAtStart::Running;
    case ThreadState::Sleeping:
        return StateAtStart::Sleeping;
    case ThreadState::Blocked:
    case ThreadState::Exited:
        break;
    }
    return StateAtStart::Blocked; // an exited thread no longer runs either
}

// The object's number; numbered on first use, with an object_name record. Interrupts disabled
// (the hooks on objects are called inside the object's critical section).
uint32_t number_of(ObjectNumber& number, ObjectKind kind, const char* name) {
    if (number.value == 0) {
        number.value = g_next_object_number++;
        append({.event = Event::ObjectName, .detail = uint8_t(kind), .object = number.value}, name);
    }
    return number.value;
}

void append_on_object(Event event, ObjectKind kind, uint32_t object, uint32_t thread,
                      uint32_t other = 0, uint32_t value = 0) {
    append({.event = event,
            .detail = uint8_t(kind),
            .thread = thread,
            .other = other,
            .object = object,
            .value = value});
}

} // namespace

RecordRing& ring() {
    return g_ring;
}

void record_initial_state() {
    for (const Thread& thread : scheduler::all_threads()) {
        if (thread.id() == 0)
            continue; // idle is known as thread 0 without a line
        append({.event = Event::ThreadCreate,
                .detail = uint8_t(state_at_start(thread.state())),
                .thread = thread.id(),
                .other = process_id(thread)},
               thread.name());
    }
    append({.event = Event::Running, .thread = current_id()});
}

void record_switch(const Thread& out, const Thread& in, SwitchReason reason) {
    append(
        {.event = Event::Switch, .detail = uint8_t(reason), .thread = out.id(), .other = in.id()});
}

void record_thread_created(const Thread& thread) {
    append({.event = Event::ThreadCreate, .thread = thread.id(), .other = process_id(thread)},
           thread.name());
}

void record_thread_exited(const Thread& thread) {
    append({.event = Event::ThreadExit, .thread = thread.id()});
}

void record_sleep() {
    append_on_object(Event::Block, ObjectKind::Sleep, 0, current_id());
}

void record_sleep_ended(const Thread& sleeper) {
    append_on_object(Event::Wake, ObjectKind::Sleep, 0, sleeper.id(), NO_THREAD);
}

void record_join(const Thread& target) {
    append_on_object(Event::Block, ObjectKind::Join, target.id(), current_id());
}

void record_join_ended(const Thread& joiner, const Thread& exited) {
    append_on_object(Event::Wake, ObjectKind::Join, exited.id(), joiner.id(), exited.id());
}

// The generic forms take the object's number and name, so that any lock or semaphore (the
// kernel's Mutex and Semaphore, or the objects behind pthread mutexes and sem_t) is traced alike.
void record_mutex_acquired(ObjectNumber& number, const char* name) {
    uint32_t object = number_of(number, ObjectKind::Mutex, name);
    append_on_object(Event::MutexAcquire, ObjectKind::Mutex, object, current_id());
}

void record_mutex_contended(ObjectNumber& number, const char* name, uint32_t owner) {
    uint32_t object = number_of(number, ObjectKind::Mutex, name);
    append_on_object(Event::MutexContended, ObjectKind::Mutex, object, current_id(), owner);
    append_on_object(Event::Block, ObjectKind::Mutex, object, current_id());
}

void record_mutex_released(ObjectNumber& number, const char* name, uint32_t next_owner) {
    uint32_t object = number_of(number, ObjectKind::Mutex, name);
    uint32_t releaser = current_id();
    append_on_object(Event::MutexRelease, ObjectKind::Mutex, object, releaser, next_owner);
    if (next_owner == NO_THREAD)
        return;
    append_on_object(Event::Wake, ObjectKind::Mutex, object, next_owner, releaser);
    append_on_object(Event::MutexAcquire, ObjectKind::Mutex, object, next_owner);
}

void record_semaphore_wait(ObjectNumber& number, const char* name, uint32_t value) {
    uint32_t object = number_of(number, ObjectKind::Semaphore, name);
    append_on_object(Event::SemaphoreWait, ObjectKind::Semaphore, object, current_id(), 0, value);
    if (value == 0)
        append_on_object(Event::Block, ObjectKind::Semaphore, object, current_id());
}

void record_semaphore_acquired(ObjectNumber& number, const char* name, uint32_t value) {
    uint32_t object = number_of(number, ObjectKind::Semaphore, name);
    append_on_object(Event::SemaphoreAcquire, ObjectKind::Semaphore, object, current_id(), 0,
                     value);
}

void record_semaphore_posted(ObjectNumber& number, const char* name, uint32_t woken,
                             uint32_t value) {
    uint32_t object = number_of(number, ObjectKind::Semaphore, name);
    uint32_t poster = current_id();
    append_on_object(Event::SemaphorePost, ObjectKind::Semaphore, object, poster, woken, value);
    if (woken == NO_THREAD)
        return;
    append_on_object(Event::Wake, ObjectKind::Semaphore, object, woken, poster);
    append_on_object(Event::SemaphoreAcquire, ObjectKind::Semaphore, object, woken, 0, value);
}

void record_mutex_acquired(Mutex& mutex) {
    record_mutex_acquired(mutex.m_trace_number, mutex.name());
}

void record_mutex_contended(Mutex& mutex) {
    uint32_t owner = mutex.owner() != nullptr ? mutex.owner()->id() : NO_THREAD;
    record_mutex_contended(mutex.m_trace_number, mutex.name(), owner);
}

void record_mutex_released(Mutex& mutex) {
    Thread* next = mutex.owner(); // after the hand-off: the waiter that now owns it, if any
    record_mutex_released(mutex.m_trace_number, mutex.name(),
                          next != nullptr ? next->id() : NO_THREAD);
}

void record_semaphore_wait(Semaphore& semaphore) {
    record_semaphore_wait(semaphore.m_trace_number, semaphore.name(), semaphore.value());
}

void record_semaphore_acquired(Semaphore& semaphore) {
    record_semaphore_acquired(semaphore.m_trace_number, semaphore.name(), semaphore.value());
}

void record_semaphore_posted(Semaphore& semaphore, const Thread* woken) {
    record_semaphore_posted(semaphore.m_trace_number, semaphore.name(),
                            woken != nullptr ? woken->id() : NO_THREAD, semaphore.value());
}

void process_created(uint32_t pid, const char* name, uint32_t parent) {
    if (g_recording)
        append({.event = Event::ProcessCreate, .thread = pid, .other = parent}, name);
}

void process_exited(uint32_t pid, int32_t status) {
    if (g_recording)
        append({.event = Event::ProcessExit, .thread = pid, .value = uint32_t(status)});
}

} // namespace trace
