// See handle_table.h.
#include "kernel/proc/handle_table.h"
#include "kernel/debug/panic.h"

bool HandleTable::allows(HandleAccess granted, HandleAccess needed) {
    return (static_cast<uint8_t>(granted) & static_cast<uint8_t>(needed)) ==
           static_cast<uint8_t>(needed);
}

HandleTable::~HandleTable() {
    // The process closes every handle (telling each object) before its table goes away.
    VERIFY(m_count == 0);
}

libk::ErrorOr<int> HandleTable::add(Ref<KernelObject> object, HandleAccess access) {
    SpinlockLocker locker(m_lock);
    for (int handle = 0; handle < CAPACITY; ++handle) {
        if (m_slots[handle].object == nullptr) {
            m_slots[handle] = Slot{object.leak(), access};
            ++m_count;
            return handle;
        }
    }
    return libk::Error::TooManyHandles; // `object` releases its reference on the way out
}

libk::ErrorOr<Ref<KernelObject>> HandleTable::get(int handle, HandleAccess needed) {
    SpinlockLocker locker(m_lock);
    if (handle < 0 || handle >= CAPACITY || m_slots[handle].object == nullptr)
        return libk::Error::BadHandle;
    if (!allows(m_slots[handle].access, needed))
        return libk::Error::AccessDenied;
    return Ref<KernelObject>::share(*m_slots[handle].object);
}

libk::ErrorOr<HandleAccess> HandleTable::access_of(int handle) {
    SpinlockLocker locker(m_lock);
    if (handle < 0 || handle >= CAPACITY || m_slots[handle].object == nullptr)
        return libk::Error::BadHandle;
    return m_slots[handle].access;
}

bool HandleTable::names(int handle, const KernelObject& object) {
    SpinlockLocker locker(m_lock);
    return handle >= 0 && handle < CAPACITY && m_slots[handle].object == &object;
}

libk::ErrorOr<Ref<KernelObject>> HandleTable::remove(int handle) {
    SpinlockLocker locker(m_lock);
    if (handle < 0 || handle >= CAPACITY || m_slots[handle].object == nullptr)
        return libk::Error::BadHandle;
    KernelObject* object = m_slots[handle].object;
    m_slots[handle] = Slot{};
    --m_count;
    return Ref<KernelObject>::adopt(object);
}

int HandleTable::count() {
    SpinlockLocker locker(m_lock);
    return m_count;
}

const char* HandleTable::find_inconsistency(int& culprit) {
    SpinlockLocker locker(m_lock);
    int open = 0;
    for (int handle = 0; handle < CAPACITY; ++handle) {
        const KernelObject* object = m_slots[handle].object;
        if (object == nullptr)
            continue;
        culprit = handle;
        ++open;
        if (object->reference_count() == 0)
            return "a handle names an object with no references";
        if (const char* problem = object->find_inconsistency())
            return problem;
    }
    culprit = -1;
    return open == m_count ? nullptr : "the count of open handles disagrees with the slots";
}
