// Reading and writing through a pointer the caller of a library function passed in, without
// crashing on a bad one: the kernel does the copy (the copy_memory call) and answers EFAULT, as
// a system call given that pointer would. For the pointers a function takes an argument from or
// hands a result back through (time's result, nanosleep's request, posix_spawn's pid, ...); the
// rule and its exceptions are in docs/user-space.md ("Bad pointers").
#pragma once

#include <stddef.h>

namespace userlib {

// Each returns 0, or the error number (EFAULT); a failed copy of up to ABI_COPY_MEMORY_MAX bytes
// (every value the library hands back) has written nothing.
int copy_to_caller(void* destination, const void* source, size_t size);
int copy_from_caller(void* destination, const void* source, size_t size);

// The bytes at `pointer` can be written: checked by copying them onto themselves, for functions
// that must refuse a bad result pointer before they do anything that cannot be undone (spawn a
// process, join a thread).
int check_writable(void* pointer, size_t size);

// Copies a NUL-terminated string of at most `capacity` bytes (NUL included): 0, EFAULT, or
// ENAMETOOLONG.
int copy_string_from_caller(char* destination, const char* source, size_t capacity);

template <typename T>
int store(T* destination, const T& value) {
    return copy_to_caller(destination, &value, sizeof(T));
}

template <typename T>
int load(T& destination, const T* source) {
    return copy_from_caller(&destination, source, sizeof(T));
}

} // namespace userlib
