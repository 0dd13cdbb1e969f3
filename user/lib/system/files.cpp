// Handles and files: read, write, open, close, stat. Each is one system call; the contracts
// are in libk/abi/system_calls.h.
#include "user/lib/internal/system_call.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// The kernel fills struct abi_stat; the program reads struct stat: they must be the same.
static_assert(sizeof(struct stat) == sizeof(abi_stat));
static_assert(__builtin_offsetof(struct stat, st_size) == __builtin_offsetof(abi_stat, size));

extern "C" {

ssize_t read(int handle, void* buffer, size_t count) {
    return userlib::c_result(userlib::system_call(SYSCALL_READ, handle, buffer, count));
}

ssize_t write(int handle, const void* buffer, size_t count) {
    return userlib::c_result(userlib::system_call(SYSCALL_WRITE, handle, buffer, count));
}

int open(const char* path, int flags, ...) {
    return userlib::c_result(userlib::system_call(SYSCALL_OPEN, path, flags));
}

int close(int handle) {
    return userlib::c_result(userlib::system_call(SYSCALL_CLOSE, handle));
}

int stat(const char* path, struct stat* status) {
    return userlib::c_result(userlib::system_call(SYSCALL_STAT, path, status));
}

} // extern "C"
