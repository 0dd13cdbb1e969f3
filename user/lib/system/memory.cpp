// Memory calls: brk and sbrk, and named shared memory (shm_open, mmap, munmap, shm_unlink).
#include "user/lib/internal/system_call.h"
#include "user/lib/pthread/library_lock.h"
#include "user/lib/system/program_break.h"
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

namespace {
uintptr_t g_break = 0; // guarded by the Heap library lock; 0 until first asked
} // namespace

namespace userlib {

void* move_program_break(intptr_t increment) {
    if (g_break == 0) {
        long current = system_call(SYSCALL_BRK, 0);
        if (is_error(current)) {
            errno = ENOMEM;
            return nullptr;
        }
        g_break = static_cast<uintptr_t>(current);
    }
    uintptr_t old_break = g_break;
    uintptr_t new_break = old_break + increment;
    bool wrapped = increment > 0 ? new_break < old_break : new_break > old_break;
    if (increment != 0) {
        long result = wrapped ? -ENOMEM : system_call(SYSCALL_BRK, new_break);
        if (is_error(result) || static_cast<uintptr_t>(result) != new_break) {
            errno = ENOMEM;
            return nullptr;
        }
        g_break = new_break;
    }
    return reinterpret_cast<void*>(old_break);
}

} // namespace userlib

extern "C" {

void* sbrk(intptr_t increment) {
    userlib::LibraryLockGuard guard(userlib::LibraryLock::Heap);
    void* old_break = userlib::move_program_break(increment);
    return old_break ? old_break : reinterpret_cast<void*>(-1);
}

int brk(void* address) {
    userlib::LibraryLockGuard guard(userlib::LibraryLock::Heap);
    long result = userlib::system_call(SYSCALL_BRK, address);
    if (userlib::is_error(result) || result != reinterpret_cast<long>(address)) {
        errno = ENOMEM;
        return -1;
    }
    g_break = static_cast<uintptr_t>(result);
    return 0;
}

void* mmap(void* address, size_t length, int protection, int flags, int handle, off_t offset) {
    if (offset < 0) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    abi_mmap_request request = {
        .address = reinterpret_cast<uint32_t>(address),
        .length = length,
        .protection = static_cast<uint32_t>(protection),
        .flags = static_cast<uint32_t>(flags),
        .handle = handle,
        .offset = static_cast<uint32_t>(offset),
    };
    long result = userlib::c_result(userlib::system_call(SYSCALL_MMAP, &request));
    return result == -1 ? MAP_FAILED : reinterpret_cast<void*>(result);
}

int munmap(void* address, size_t length) {
    return userlib::c_result(userlib::system_call(SYSCALL_MUNMAP, address, length));
}

int shm_open(const char* name, int flags, mode_t) {
    return userlib::c_result(userlib::system_call(SYSCALL_SHM_OPEN, name, flags));
}

int shm_unlink(const char* name) {
    return userlib::c_result(userlib::system_call(SYSCALL_SHM_UNLINK, name));
}

int ftruncate(int handle, off_t length) {
    if (length < 0) {
        errno = EINVAL;
        return -1;
    }
    return userlib::c_result(userlib::system_call(SYSCALL_FTRUNCATE, handle, length));
}

} // extern "C"
