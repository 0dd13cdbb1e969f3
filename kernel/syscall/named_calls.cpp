// Objects shared by name: semaphore_open, semaphore_unlink, shm_open, shm_unlink
// (libk/abi/system_calls.h has the contracts; kernel/proc/named_objects.h has the namespaces).
#include "kernel/proc/named_objects.h"
#include "kernel/proc/shared_memory.h"
#include "kernel/proc/user_semaphore.h"
#include "kernel/syscall/calls.h"
#include "libk/new.h"

namespace system_call {
namespace {

libk::ErrorOr<void> copy_name(char (&name)[ABI_OBJECT_NAME_MAX], uint32_t address) {
    TRY(copy_string(name, address, sizeof name));
    return named_objects::check_name(name);
}

// A named object is charged to the process that created it, for as long as it exists (after
// that process has ended too): docs/memory.md says why.
libk::ErrorOr<KernelObject*> make_semaphore(void* value) {
    return TRY(make_charged<UserSemaphore>(current_process(), *static_cast<uint32_t*>(value)));
}

libk::ErrorOr<KernelObject*> make_shared_memory(void*) {
    return TRY(make_charged<SharedMemory>(current_process()));
}

// Opens the handle; a name that this call created is removed again if that fails.
Result open_handle(NameSpace& names, const char* name, Ref<KernelObject> object, bool created,
                   HandleAccess access) {
    libk::ErrorOr<int> handle = current_process().handles().add(libk::move(object), access);
    if (handle.is_error()) {
        if (created)
            (void)names.unlink(name);
        return handle.error();
    }
    return static_cast<uint32_t>(handle.value());
}

} // namespace

Result semaphore_open(uint32_t name_address, uint32_t flags, uint32_t value) {
    char name[ABI_OBJECT_NAME_MAX];
    TRY(copy_name(name, name_address));
    if ((flags & ~uint32_t(ABI_O_CREAT | ABI_O_EXCL)) != 0)
        return libk::Error::InvalidArgument;
    if ((flags & ABI_O_CREAT) && value > ABI_SEMAPHORE_VALUE_MAX)
        return libk::Error::InvalidArgument;
    bool created;
    NameSpace& names = named_objects::semaphores();
    Ref<KernelObject> object =
        TRY(names.open(name, static_cast<int>(flags), make_semaphore, &value, created));
    return open_handle(names, name, libk::move(object), created, HandleAccess::ReadWrite);
}

Result semaphore_unlink(uint32_t name_address) {
    char name[ABI_OBJECT_NAME_MAX];
    TRY(copy_name(name, name_address));
    TRY(named_objects::semaphores().unlink(name));
    return 0;
}

Result shm_open(uint32_t name_address, uint32_t flags) {
    char name[ABI_OBJECT_NAME_MAX];
    TRY(copy_name(name, name_address));
    uint32_t known = ABI_O_ACCESS_MODE | ABI_O_CREAT | ABI_O_EXCL | ABI_O_TRUNC;
    uint32_t mode = flags & ABI_O_ACCESS_MODE;
    if ((flags & ~known) != 0 || (mode != ABI_O_RDONLY && mode != ABI_O_RDWR))
        return libk::Error::InvalidArgument;
    if ((flags & ABI_O_TRUNC) && mode != ABI_O_RDWR)
        return libk::Error::InvalidArgument;
    bool created;
    NameSpace& names = named_objects::shared_memory();
    Ref<KernelObject> object =
        TRY(names.open(name, static_cast<int>(flags), make_shared_memory, nullptr, created));
    if (flags & ABI_O_TRUNC) {
        auto& shared = static_cast<SharedMemory&>(*object);
        MutexLocker locker(shared.lock());
        TRY(shared.resize(0));
    }
    HandleAccess access = mode == ABI_O_RDWR ? HandleAccess::ReadWrite : HandleAccess::Read;
    return open_handle(names, name, libk::move(object), created, access);
}

Result shm_unlink(uint32_t name_address) {
    char name[ABI_OBJECT_NAME_MAX];
    TRY(copy_name(name, name_address));
    TRY(named_objects::shared_memory().unlink(name));
    return 0;
}

} // namespace system_call
