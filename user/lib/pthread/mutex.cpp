// pthread mutexes over kernel mutexes. The kernel mutex already refuses relocking by its owner
// (EDEADLK) and unlocking by anyone else (EPERM), which is exactly PTHREAD_MUTEX_ERRORCHECK; the
// other types are built on top here: RECURSIVE counts its owner's nested locks in user space,
// NORMAL turns a relock into the deadlock POSIX prescribes.
#include "user/lib/internal/caller_memory.h"
#include "user/lib/internal/system_call.h"
#include <errno.h>
#include <limits.h>
#include <pthread.h>

namespace {

// A destroyed mutex gets this type, so that using it afterwards is EINVAL instead of touching
// a closed handle.
constexpr int DESTROYED = -1;

bool is_valid_type(int type) {
    return type == PTHREAD_MUTEX_DEFAULT || type == PTHREAD_MUTEX_NORMAL ||
           type == PTHREAD_MUTEX_ERRORCHECK || type == PTHREAD_MUTEX_RECURSIVE;
}

// The kernel's "no such handle" means the mutex was never initialized or was closed behind our
// back: for pthreads that is an invalid mutex.
int mutex_error(long result) {
    int error = userlib::error_number(result);
    return error == EBADF ? EINVAL : error;
}

// The kernel handle of `mutex`, creating the kernel mutex on first use for mutexes made with
// PTHREAD_MUTEX_INITIALIZER. Two threads may race here: each creates a kernel mutex, one of
// them installs its own with a compare-and-swap, and the other closes its own and uses the
// winner's. Returns 0 or an error number.
int kernel_handle(pthread_mutex_t* mutex, int& handle) {
    int stored = __atomic_load_n(&mutex->handle_plus_one, __ATOMIC_ACQUIRE);
    if (stored == 0) {
        long created = userlib::system_call(SYSCALL_MUTEX_CREATE);
        if (userlib::is_error(created))
            return EAGAIN;
        int expected = 0;
        if (__atomic_compare_exchange_n(&mutex->handle_plus_one, &expected,
                                        static_cast<int>(created) + 1, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            stored = static_cast<int>(created) + 1;
        } else {
            userlib::system_call(SYSCALL_CLOSE, created);
            stored = expected;
        }
    }
    handle = stored - 1;
    return 0;
}

unsigned long recursive_owner(const pthread_mutex_t* mutex) {
    return __atomic_load_n(&mutex->owner, __ATOMIC_RELAXED);
}

void set_recursive_owner(pthread_mutex_t* mutex, unsigned long owner) {
    __atomic_store_n(&mutex->owner, owner, __ATOMIC_RELAXED);
}

// POSIX: relocking a NORMAL mutex deadlocks. The thread blocks (asleep, using no CPU) for good;
// only the end of its process ends it.
[[noreturn]] void deadlock_forever() {
    for (;;)
        userlib::system_call(SYSCALL_SLEEP_MS, 0xFFFFFFFFu);
}

} // namespace

extern "C" {

int pthread_mutexattr_init(pthread_mutexattr_t* attributes) {
    attributes->type = PTHREAD_MUTEX_DEFAULT;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t*) {
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t* attributes, int type) {
    if (!is_valid_type(type))
        return EINVAL;
    attributes->type = type;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t* attributes, int* type) {
    return userlib::store(type, attributes->type);
}

int pthread_mutex_init(pthread_mutex_t* mutex, const pthread_mutexattr_t* attributes) {
    int type = attributes ? attributes->type : PTHREAD_MUTEX_DEFAULT;
    if (!is_valid_type(type))
        return EINVAL;
    long handle = userlib::system_call(SYSCALL_MUTEX_CREATE);
    if (userlib::is_error(handle))
        return userlib::error_number(handle) == ENOMEM ? ENOMEM : EAGAIN;
    *mutex = {static_cast<int>(handle) + 1, type, 0, 0};
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t* mutex) {
    if (!is_valid_type(mutex->type))
        return EINVAL;
    if (mutex->handle_plus_one != 0) {
        if (mutex->type == PTHREAD_MUTEX_RECURSIVE && recursive_owner(mutex) != 0)
            return EBUSY;
        // Taking it proves nobody holds it; a held one stays as it is.
        int handle = mutex->handle_plus_one - 1;
        if (int error = mutex_error(userlib::system_call(SYSCALL_MUTEX_TRYLOCK, handle)))
            return error;
        userlib::system_call(SYSCALL_CLOSE, handle);
    }
    *mutex = {0, DESTROYED, 0, 0};
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t* mutex) {
    if (!is_valid_type(mutex->type))
        return EINVAL;
    unsigned long self = pthread_self();
    if (mutex->type == PTHREAD_MUTEX_RECURSIVE && recursive_owner(mutex) == self) {
        if (mutex->depth == UINT_MAX)
            return EAGAIN;
        ++mutex->depth;
        return 0;
    }
    int handle;
    if (int error = kernel_handle(mutex, handle))
        return error;
    int error = mutex_error(userlib::system_call(SYSCALL_MUTEX_LOCK, handle));
    if (error == EDEADLK && mutex->type == PTHREAD_MUTEX_NORMAL)
        deadlock_forever();
    if (error == 0 && mutex->type == PTHREAD_MUTEX_RECURSIVE) {
        set_recursive_owner(mutex, self);
        mutex->depth = 1;
    }
    return error;
}

int pthread_mutex_trylock(pthread_mutex_t* mutex) {
    if (!is_valid_type(mutex->type))
        return EINVAL;
    unsigned long self = pthread_self();
    if (mutex->type == PTHREAD_MUTEX_RECURSIVE && recursive_owner(mutex) == self) {
        if (mutex->depth == UINT_MAX)
            return EAGAIN;
        ++mutex->depth;
        return 0;
    }
    int handle;
    if (int error = kernel_handle(mutex, handle))
        return error;
    int error = mutex_error(userlib::system_call(SYSCALL_MUTEX_TRYLOCK, handle));
    if (error == 0 && mutex->type == PTHREAD_MUTEX_RECURSIVE) {
        set_recursive_owner(mutex, self);
        mutex->depth = 1;
    }
    return error;
}

int pthread_mutex_unlock(pthread_mutex_t* mutex) {
    if (!is_valid_type(mutex->type))
        return EINVAL;
    if (mutex->type == PTHREAD_MUTEX_RECURSIVE) {
        if (recursive_owner(mutex) != pthread_self())
            return EPERM;
        if (--mutex->depth > 0)
            return 0;
        set_recursive_owner(mutex, 0);
    }
    int stored = __atomic_load_n(&mutex->handle_plus_one, __ATOMIC_ACQUIRE);
    if (stored == 0)
        return EPERM; // never locked by anyone
    return mutex_error(userlib::system_call(SYSCALL_MUTEX_UNLOCK, stored - 1));
}

} // extern "C"
