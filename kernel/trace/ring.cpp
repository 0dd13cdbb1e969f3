// See ring.h.
#include "kernel/trace/ring.h"
#include "libk/string.h"

namespace trace {

void RecordRing::attach(Slot* slots, size_t capacity) {
    m_slots = slots;
    m_capacity = capacity;
    m_oldest = 0;
    m_used = 0;
    m_unreported_lost = 0;
    m_total_lost = 0;
}

// Index arithmetic without division: both indices are below the capacity.
size_t RecordRing::next(size_t index) const {
    return index + 1 == m_capacity ? 0 : index + 1;
}

Slot& RecordRing::claim() {
    size_t index = m_oldest + m_used;
    if (index >= m_capacity)
        index -= m_capacity;
    ++m_used;
    return m_slots[index];
}

bool RecordRing::push(const Record& record, const char* name) {
    size_t needed = name != nullptr ? 2 : 1;
    if (m_unreported_lost > 0)
        ++needed; // the Lost record goes first
    if (m_slots == nullptr || free_slots() < needed) {
        ++m_total_lost;
        if (m_unreported_lost < UINT32_MAX)
            ++m_unreported_lost;
        return false;
    }
    if (m_unreported_lost > 0) {
        Record& lost = claim().record;
        lost = Record{};
        lost.timestamp = record.timestamp;
        lost.event = Event::Lost;
        lost.value = take_unreported_lost();
    }
    // Straight into the slots: this is the hot path of every traced event.
    Record& slot = claim().record;
    slot = record;
    slot.has_name = name != nullptr;
    if (name != nullptr)
        libk::copy_string(claim().name, name, NAME_SIZE);
    return true;
}

bool RecordRing::pop(Record& record, char* name) {
    if (m_used == 0)
        return false;
    record = m_slots[m_oldest].record;
    m_oldest = next(m_oldest);
    --m_used;
    name[0] = '\0';
    // push() writes a record and its name together, so the name is there.
    if (record.has_name && m_used > 0) {
        libk::copy_string(name, m_slots[m_oldest].name, NAME_SIZE);
        m_oldest = next(m_oldest);
        --m_used;
    }
    return true;
}

uint32_t RecordRing::take_unreported_lost() {
    uint32_t count = m_unreported_lost;
    m_unreported_lost = 0;
    return count;
}

} // namespace trace
