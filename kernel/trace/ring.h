// RecordRing: the trace's buffer, a ring of fixed-size slots (record.h) between the code that
// records events and the writer thread that turns them into text. It never allocates: the
// memory is handed to it once. When it is full, new records are dropped and counted, and the
// next record that fits is preceded by a Lost record with the count, so the text shows where
// the gap is (trace_lost).
//
// Not synchronized itself: on this one CPU every caller keeps interrupts off around a call.
#pragma once

#include "kernel/trace/record.h"

namespace trace {

class RecordRing {
public:
    constexpr RecordRing() = default;

    // Uses `slots` (`capacity` of them, at least 4) from now on, empty.
    void attach(Slot* slots, size_t capacity);
    bool is_attached() const { return m_slots != nullptr; }

    // Appends `record`, followed by a slot with `name` (cut to NAME_SIZE - 1 characters) when
    // `name` is not nullptr. False when it did not fit: then it is counted as lost.
    bool push(const Record& record, const char* name = nullptr);

    // Takes out the oldest record; when it has a name, copies it into `name` (NAME_SIZE
    // bytes), otherwise makes `name` empty. False when the ring is empty.
    bool pop(Record& record, char* name);

    size_t used() const { return m_used; }
    size_t capacity() const { return m_capacity; }
    // Records dropped since the last Lost record went in (reported by the next one).
    uint32_t unreported_lost() const { return m_unreported_lost; }
    uint64_t total_lost() const { return m_total_lost; }
    // Takes the unreported count (for the final report, when no record will follow).
    uint32_t take_unreported_lost();

private:
    size_t free_slots() const { return m_capacity - m_used; }
    size_t next(size_t index) const;
    Slot& claim(); // the next free slot, now counted as used

    Slot* m_slots = nullptr;
    size_t m_capacity = 0;
    size_t m_oldest = 0; // index of the oldest slot
    size_t m_used = 0;
    uint32_t m_unreported_lost = 0;
    uint64_t m_total_lost = 0;
};

} // namespace trace
