// See named_objects.h.
#include "kernel/proc/named_objects.h"
#include "libk/new.h"
#include "libk/string.h"

NameSpace::Entry* NameSpace::find(const char* name) {
    for (Entry& entry : m_entries) {
        if (entry.object != nullptr && strcmp(entry.name, name) == 0)
            return &entry;
    }
    return nullptr;
}

libk::ErrorOr<Ref<KernelObject>> NameSpace::open(const char* name, int flags, Create create,
                                                 void* context, bool& created) {
    MutexLocker locker(m_lock);
    created = false;
    if (Entry* entry = find(name)) {
        if ((flags & ABI_O_CREAT) && (flags & ABI_O_EXCL))
            return libk::Error::AlreadyExists;
        return Ref<KernelObject>::share(*entry->object);
    }
    if (!(flags & ABI_O_CREAT))
        return libk::Error::NoSuchFile;
    Entry* free_entry = nullptr;
    for (Entry& entry : m_entries) {
        if (entry.object == nullptr) {
            free_entry = &entry;
            break;
        }
    }
    if (free_entry == nullptr)
        return libk::Error::OutOfMemory;
    KernelObject* object = TRY(create(context));
    libk::copy_string(free_entry->name, name, sizeof free_entry->name);
    free_entry->object = object; // the name's reference
    created = true;
    return Ref<KernelObject>::share(*object);
}

libk::ErrorOr<void> NameSpace::unlink(const char* name) {
    KernelObject* object;
    {
        MutexLocker locker(m_lock);
        Entry* entry = find(name);
        if (entry == nullptr)
            return libk::Error::NoSuchFile;
        object = entry->object;
        entry->object = nullptr;
    }
    object->release();
    return {};
}

size_t NameSpace::count() {
    MutexLocker locker(m_lock);
    size_t count = 0;
    for (const Entry& entry : m_entries)
        count += entry.object != nullptr ? 1 : 0;
    return count;
}

namespace named_objects {

libk::ErrorOr<void> check_name(const char* name) {
    if (name[0] != '/' || name[1] == '\0')
        return libk::Error::InvalidArgument;
    if (strchr(name + 1, '/') != nullptr)
        return libk::Error::InvalidArgument;
    return {};
}

NameSpace& semaphores() {
    // Static storage without a destructor: the namespaces live as long as the kernel.
    alignas(NameSpace) static uint8_t storage[sizeof(NameSpace)];
    static NameSpace* names = new (storage) NameSpace();
    return *names;
}

NameSpace& shared_memory() {
    alignas(NameSpace) static uint8_t storage[sizeof(NameSpace)];
    static NameSpace* names = new (storage) NameSpace();
    return *names;
}

} // namespace named_objects
