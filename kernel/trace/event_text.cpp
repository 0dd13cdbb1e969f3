// See event_text.h.
#include "kernel/trace/event_text.h"
#include "libk/format.h"

namespace trace {
namespace {

// Appends formatted text to a line buffer, cutting it short at the end of the buffer.
class LineBuilder {
public:
    LineBuilder(char* buffer, size_t size) : m_buffer(buffer), m_size(size) {
        if (size > 0)
            buffer[0] = '\0';
    }

    __attribute__((format(printf, 2, 3))) void add(const char* format, ...) {
        if (m_length + 1 >= m_size)
            return;
        va_list arguments;
        va_start(arguments, format);
        int added = libk::vformat_buffer(m_buffer + m_length, m_size - m_length, format, arguments);
        va_end(arguments);
        if (added > 0)
            m_length += static_cast<size_t>(added);
        if (m_length >= m_size)
            m_length = m_size - 1;
    }

    size_t length() const { return m_length; }

private:
    char* m_buffer;
    size_t m_size;
    size_t m_length = 0;
};

const char* event_name(Event event) {
    switch (event) {
    case Event::Running:
        return "running";
    case Event::ProcessCreate:
        return "process_create";
    case Event::ProcessExit:
        return "process_exit";
    case Event::ThreadCreate:
        return "thread_create";
    case Event::ThreadExit:
        return "thread_exit";
    case Event::Switch:
        return "switch";
    case Event::Block:
        return "block";
    case Event::Wake:
        return "wake";
    case Event::ObjectName:
        return "object_name";
    case Event::MutexAcquire:
        return "mutex_acquire";
    case Event::MutexContended:
        return "mutex_contended";
    case Event::MutexRelease:
        return "mutex_release";
    case Event::SemaphoreWait:
        return "semaphore_wait";
    case Event::SemaphoreAcquire:
        return "semaphore_acquire";
    case Event::SemaphorePost:
        return "semaphore_post";
    case Event::Lost:
        return "trace_lost";
    }
    return "unknown";
}

const char* reason_name(uint8_t reason) {
    switch (static_cast<SwitchReason>(reason)) {
    case SwitchReason::Preempted:
        return "preempted";
    case SwitchReason::Blocked:
        return "blocked";
    case SwitchReason::Yielded:
        return "yielded";
    case SwitchReason::Slept:
        return "slept";
    case SwitchReason::Exited:
        return "exited";
    }
    return "unknown";
}

const char* state_name(uint8_t state) {
    switch (static_cast<StateAtStart>(state)) {
    case StateAtStart::Ready:
        return "ready";
    case StateAtStart::Running:
        return "running";
    case StateAtStart::Blocked:
        return "blocked";
    case StateAtStart::Sleeping:
        return "sleeping";
    case StateAtStart::New:
        break;
    }
    return "ready";
}

const char* kind_name(uint8_t kind) {
    switch (static_cast<ObjectKind>(kind)) {
    case ObjectKind::Mutex:
        return "mutex";
    case ObjectKind::Semaphore:
        return "semaphore";
    case ObjectKind::Join:
        return "join";
    case ObjectKind::Sleep:
        return "sleep";
    case ObjectKind::None:
        break;
    }
    return "object";
}

// " object=mutex:3"; the timer that a sleeper waits for has no number: " object=sleep".
void add_object(LineBuilder& line, const Record& record) {
    if (static_cast<ObjectKind>(record.detail) == ObjectKind::Sleep)
        line.add(" object=sleep");
    else
        line.add(" object=%s:%u", kind_name(record.detail), record.object);
}

// " name=...": a value has no spaces, so a space is sent as '_' and anything that is not
// printable ASCII as '?'.
void add_name(LineBuilder& line, const char* name) {
    char clean[NAME_SIZE];
    size_t length = 0;
    for (; name[length] != '\0' && length < NAME_SIZE - 1; ++length) {
        char character = name[length];
        if (character == ' ')
            character = '_';
        else if (character < '!' || character > '~')
            character = '?';
        clean[length] = character;
    }
    if (length == 0)
        clean[length++] = '?';
    clean[length] = '\0';
    line.add(" name=%s", clean);
}

// Events about threads and processes.
void add_life_cycle_keys(LineBuilder& line, const Record& record, const char* name) {
    switch (record.event) {
    case Event::ProcessCreate:
        line.add(" pid=%u", record.thread);
        add_name(line, name);
        line.add(" parent=%u", record.other);
        return;
    case Event::ProcessExit:
        line.add(" pid=%u status=%d", record.thread, static_cast<int32_t>(record.value));
        return;
    case Event::ThreadCreate:
        line.add(" tid=%u pid=%u", record.thread, record.other);
        add_name(line, name);
        if (static_cast<StateAtStart>(record.detail) != StateAtStart::New)
            line.add(" state=%s", state_name(record.detail));
        return;
    case Event::Switch:
        line.add(" out=%u in=%u reason=%s", record.thread, record.other,
                 reason_name(record.detail));
        return;
    case Event::Lost:
        line.add(" count=%u", record.value);
        return;
    default: // Running, ThreadExit
        line.add(" tid=%u", record.thread);
        return;
    }
}

// Events on a mutex, a semaphore, or whatever a thread waits for.
void add_object_keys(LineBuilder& line, const Record& record, const char* name) {
    if (record.event == Event::ObjectName) {
        add_object(line, record);
        add_name(line, name);
        return;
    }
    line.add(" tid=%u", record.thread);
    add_object(line, record);
    switch (record.event) {
    case Event::Wake:
        if (record.other != NO_THREAD) // a sleeper is woken by the timer, not by a thread
            line.add(" by=%u", record.other);
        return;
    case Event::MutexContended:
        line.add(" owner=%u", record.other);
        return;
    case Event::MutexRelease: // next=0: nobody was waiting (thread 0, idle, never waits)
        line.add(" next=%u", record.other == NO_THREAD ? 0 : record.other);
        return;
    case Event::SemaphoreWait:
    case Event::SemaphoreAcquire:
        line.add(" value=%u", record.value);
        return;
    case Event::SemaphorePost: // next=0: the key went back to the free ones
        line.add(" value=%u next=%u", record.value, record.other == NO_THREAD ? 0 : record.other);
        return;
    default: // Block, MutexAcquire
        return;
    }
}

bool is_object_event(Event event) {
    switch (event) {
    case Event::Block:
    case Event::Wake:
    case Event::ObjectName:
    case Event::MutexAcquire:
    case Event::MutexContended:
    case Event::MutexRelease:
    case Event::SemaphoreWait:
    case Event::SemaphoreAcquire:
    case Event::SemaphorePost:
        return true;
    default:
        return false;
    }
}

} // namespace

uint64_t to_microseconds(uint64_t cycles, const Timebase& timebase) {
    // cycles * 1000 overflows only after 2^64 / 1000 cycles: years at any real TSC rate.
    return cycles * 1000 / timebase.cycles_per_millisecond;
}

size_t format_event(const Record& record, const char* name, const Timebase& timebase, char* line,
                    size_t size) {
    LineBuilder builder(line, size);
    builder.add("%llu %s",
                static_cast<unsigned long long>(to_microseconds(record.timestamp, timebase)),
                event_name(record.event));
    if (is_object_event(record.event))
        add_object_keys(builder, record, name);
    else
        add_life_cycle_keys(builder, record, name);
    return builder.length();
}

} // namespace trace
