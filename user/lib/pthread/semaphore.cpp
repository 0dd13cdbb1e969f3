// POSIX semaphores over kernel semaphores: unnamed ones (sem_init) and named ones (sem_open),
// which differ only in how the handle is obtained and released. These functions report errors
// through errno, unlike the pthread ones.
#include "user/lib/internal/caller_memory.h"
#include "user/lib/internal/system_call.h"
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdlib.h>

namespace {

// The kernel's "no such handle" means a semaphore that was never initialized or was destroyed.
int semaphore_result(long result) {
    if (userlib::error_number(result) == EBADF)
        result = -EINVAL;
    return static_cast<int>(userlib::c_result(result));
}

} // namespace

extern "C" {

int sem_init(sem_t* semaphore, int pshared, unsigned int value) {
    if (pshared != 0) {
        // Handles belong to one process; processes share a semaphore through a name.
        errno = ENOSYS;
        return -1;
    }
    if (value > SEM_VALUE_MAX) {
        errno = EINVAL;
        return -1;
    }
    long handle = userlib::system_call(SYSCALL_SEMAPHORE_CREATE, value);
    if (userlib::is_error(handle)) {
        errno = ENOSPC; // POSIX's word for "out of the resources a semaphore needs"
        return -1;
    }
    *semaphore = {static_cast<int>(handle), 0};
    return 0;
}

int sem_destroy(sem_t* semaphore) {
    if (semaphore->named) {
        errno = EINVAL; // named semaphores are closed with sem_close
        return -1;
    }
    int result = semaphore_result(userlib::system_call(SYSCALL_CLOSE, semaphore->handle));
    if (result == 0)
        semaphore->handle = -1;
    return result;
}

int sem_wait(sem_t* semaphore) {
    return semaphore_result(userlib::system_call(SYSCALL_SEMAPHORE_WAIT, semaphore->handle));
}

int sem_trywait(sem_t* semaphore) {
    return semaphore_result(userlib::system_call(SYSCALL_SEMAPHORE_TRYWAIT, semaphore->handle));
}

int sem_post(sem_t* semaphore) {
    return semaphore_result(userlib::system_call(SYSCALL_SEMAPHORE_POST, semaphore->handle));
}

int sem_getvalue(sem_t* semaphore, int* value) {
    long result = userlib::system_call(SYSCALL_SEMAPHORE_GETVALUE, semaphore->handle);
    if (userlib::is_error(result))
        return semaphore_result(result);
    if (int error = userlib::store(value, static_cast<int>(result))) {
        errno = error;
        return -1;
    }
    return 0;
}

// Each successful call returns a new sem_t for the handle it got (POSIX asks for the same
// address when a process opens the same name twice; telling whether two handles reach the same
// kernel semaphore would need the kernel's help, so this library does not promise it).
sem_t* sem_open(const char* name, int flags, ...) {
    unsigned int value = 0;
    if (flags & O_CREAT) {
        va_list arguments;
        va_start(arguments, flags);
        va_arg(arguments, int); // mode: there are no permissions
        value = va_arg(arguments, unsigned int);
        va_end(arguments);
    }
    auto* semaphore = static_cast<sem_t*>(malloc(sizeof(sem_t)));
    if (!semaphore)
        return SEM_FAILED;
    long handle = userlib::system_call(SYSCALL_SEMAPHORE_OPEN, name, flags, value);
    if (userlib::is_error(handle)) {
        free(semaphore);
        userlib::c_result(handle);
        return SEM_FAILED;
    }
    *semaphore = {static_cast<int>(handle), 1};
    return semaphore;
}

int sem_close(sem_t* semaphore) {
    if (!semaphore || !semaphore->named) {
        errno = EINVAL;
        return -1;
    }
    int result = semaphore_result(userlib::system_call(SYSCALL_CLOSE, semaphore->handle));
    free(semaphore);
    return result;
}

int sem_unlink(const char* name) {
    return static_cast<int>(
        userlib::c_result(userlib::system_call(SYSCALL_SEMAPHORE_UNLINK, name)));
}

} // extern "C"
