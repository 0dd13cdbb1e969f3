// Mutexes and semaphores: create, lock/wait, trylock/trywait, unlock/post, getvalue
// (libk/abi/system_calls.h has the contracts). Each is a kernel object behind a handle of the
// calling process; the named semaphores are in named_calls.cpp.
#include "kernel/proc/user_mutex.h"
#include "kernel/proc/user_semaphore.h"
#include "kernel/syscall/calls.h"
#include "libk/abi/types.h"
#include "libk/new.h"

namespace system_call {
namespace {

template <typename T>
libk::ErrorOr<Ref<T>> object_of(uint32_t handle) {
    return current_process().handles().get<T>(static_cast<int>(handle));
}

template <typename T>
Result open_handle(libk::ErrorOr<T*> made) {
    KernelObject* object = TRY(made);
    int handle = TRY(
        current_process().handles().add(Ref<KernelObject>::adopt(object), HandleAccess::ReadWrite));
    return static_cast<uint32_t>(handle);
}

} // namespace

Result mutex_create() {
    return open_handle(make_charged<UserMutex>(current_process()));
}

Result mutex_lock(uint32_t handle) {
    Ref<UserMutex> mutex = TRY(object_of<UserMutex>(handle));
    TRY(mutex->lock(static_cast<int>(handle)));
    return 0;
}

Result mutex_trylock(uint32_t handle) {
    Ref<UserMutex> mutex = TRY(object_of<UserMutex>(handle));
    TRY(mutex->try_lock());
    return 0;
}

Result mutex_unlock(uint32_t handle) {
    Ref<UserMutex> mutex = TRY(object_of<UserMutex>(handle));
    TRY(mutex->unlock());
    return 0;
}

Result semaphore_create(uint32_t value) {
    if (value > ABI_SEMAPHORE_VALUE_MAX)
        return libk::Error::InvalidArgument;
    return open_handle(make_charged<UserSemaphore>(current_process(), value));
}

Result semaphore_wait(uint32_t handle) {
    Ref<UserSemaphore> semaphore = TRY(object_of<UserSemaphore>(handle));
    TRY(semaphore->wait(static_cast<int>(handle)));
    return 0;
}

Result semaphore_trywait(uint32_t handle) {
    Ref<UserSemaphore> semaphore = TRY(object_of<UserSemaphore>(handle));
    TRY(semaphore->try_wait());
    return 0;
}

Result semaphore_post(uint32_t handle) {
    Ref<UserSemaphore> semaphore = TRY(object_of<UserSemaphore>(handle));
    TRY(semaphore->post());
    return 0;
}

Result semaphore_getvalue(uint32_t handle) {
    Ref<UserSemaphore> semaphore = TRY(object_of<UserSemaphore>(handle));
    return semaphore->value();
}

} // namespace system_call
