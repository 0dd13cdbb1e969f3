// The system calls, one function each, grouped by file: process_calls.cpp, thread_calls.cpp,
// time_calls.cpp, file_calls.cpp, memory_calls.cpp, sync_calls.cpp, named_calls.cpp,
// listing_calls.cpp. dispatcher.cpp maps the numbers of libk/abi/system_calls.h to them.
//
// Every argument arrives as the 32-bit register it was passed in; pointers are user addresses,
// to be read and written only through the process's copy functions. A call returns its result
// or a libk::Error, which errors.cpp turns into the POSIX error number.
#pragma once

#include "kernel/proc/process.h"
#include "libk/error_or.h"

namespace system_call {

using Result = libk::ErrorOr<uint32_t>;

// The process of the calling thread.
Process& current_process();

// Copies a NUL-terminated string of at most `capacity` bytes (NUL included) from user memory.
// BadAddress, or TooLong (ENAMETOOLONG).
libk::ErrorOr<void> copy_string(char* destination, uint32_t user_address, size_t capacity);

// processes
Result exit(uint32_t status);
Result spawn(uint32_t path, uint32_t argv);
Result wait(uint32_t pid, uint32_t status, uint32_t options);
Result kill(uint32_t pid, uint32_t signal);
Result getpid();
Result gettid();
Result console_set_foreground(uint32_t pid);

// listings
Result process_info(uint32_t pid, uint32_t info);
Result process_list(uint32_t buffer, uint32_t capacity);
Result thread_list(uint32_t buffer, uint32_t capacity);
Result system_info(uint32_t info);
Result self_check();

// threads
Result thread_create(uint32_t entry, uint32_t argument);
Result thread_exit(uint32_t value);
Result thread_join(uint32_t handle, uint32_t value);
Result set_thread_pointer(uint32_t pointer);
Result yield();
Result sleep_ms(uint32_t milliseconds);

// time
Result uptime_ms(uint32_t milliseconds);
Result read_cycles(uint32_t cycles);
Result clock_gettime(uint32_t clock, uint32_t time);

// handles and files
Result write(uint32_t handle, uint32_t buffer, uint32_t count);
Result read(uint32_t handle, uint32_t buffer, uint32_t count);
Result open(uint32_t path, uint32_t flags);
Result close(uint32_t handle);
Result stat(uint32_t path, uint32_t status);

// memory
Result brk(uint32_t address);
Result mmap(uint32_t request);
Result munmap(uint32_t address, uint32_t length);
Result shm_open(uint32_t name, uint32_t flags);
Result shm_unlink(uint32_t name);
Result ftruncate(uint32_t handle, uint32_t length);
Result copy_memory(uint32_t destination, uint32_t source, uint32_t count);

// mutexes and semaphores
Result mutex_create();
Result mutex_lock(uint32_t handle);
Result mutex_trylock(uint32_t handle);
Result mutex_unlock(uint32_t handle);
Result semaphore_create(uint32_t value);
Result semaphore_wait(uint32_t handle);
Result semaphore_trywait(uint32_t handle);
Result semaphore_post(uint32_t handle);
Result semaphore_getvalue(uint32_t handle);
Result semaphore_open(uint32_t name, uint32_t flags, uint32_t value);
Result semaphore_unlink(uint32_t name);

} // namespace system_call
