// Names for objects that processes share on purpose: named semaphores (sem_open) and named
// shared memory (shm_open). Each kind has a namespace of its own, as in POSIX. A name holds one
// reference to its object; unlinking drops the name (and that reference) while open handles
// keep the object alive, and a later open with O_CREAT makes a new object of the same name.
//
// A name is "/" followed by 1 to ABI_OBJECT_NAME_MAX - 2 characters, none of them '/'.
#pragma once

#include "kernel/proc/kernel_object.h"
#include "kernel/sync/mutex.h"
#include "libk/abi/types.h"

class NameSpace {
public:
    static constexpr size_t CAPACITY = 64;

    // Makes the object for a name that does not exist yet.
    using Create = libk::ErrorOr<KernelObject*> (*)(void* context);

    // Finds `name`, or creates it with `create` when `flags` has ABI_O_CREAT. NoSuchFile when it
    // does not exist and may not be created; AlreadyExists with ABI_O_CREAT | ABI_O_EXCL when it
    // does; OutOfMemory when the namespace is full. `created` says which happened.
    libk::ErrorOr<Ref<KernelObject>> open(const char* name, int flags, Create create, void* context,
                                          bool& created);

    // Removes the name. NoSuchFile.
    libk::ErrorOr<void> unlink(const char* name);

    // Names that exist (for tests).
    size_t count();

private:
    struct Entry {
        char name[ABI_OBJECT_NAME_MAX];
        KernelObject* object; // nullptr: a free entry
    };
    Entry* find(const char* name); // m_lock held

    Mutex m_lock{"object names"};
    Entry m_entries[CAPACITY] = {};
};

namespace named_objects {

// InvalidArgument unless `name` has the form above.
libk::ErrorOr<void> check_name(const char* name);

NameSpace& semaphores();
NameSpace& shared_memory();

} // namespace named_objects
