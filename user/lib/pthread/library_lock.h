// Locks for the user library's own shared state: the heap, each standard stream, the list of
// threads, the exit functions. While a process has one thread there is nobody to exclude, so a
// lock costs nothing then; the kernel mutexes behind the locks are made just before the second
// thread starts (prepare_library_locks, called by pthread_create).
//
// Why skipping is safe: the count only goes from 1 to 2 inside pthread_create, which the one
// thread cannot be running while it is inside a library critical section; and a thread drops
// the count back only as its very last act before the kernel ends it.
#pragma once

namespace userlib {

enum class LibraryLock {
    Heap,
    StandardInput,
    StandardOutput,
    StandardError,
    Threads,
    ExitFunctions,
    Count,
};

// Creates the kernel mutexes (once). Returns 0 or an error number.
int prepare_library_locks();

// The threads of the process that have not yet finished pthread_exit.
int thread_count();
void count_new_thread();
// Returns how many threads remain.
int count_ending_thread();

// Holds a library lock for its scope.
class [[nodiscard]] LibraryLockGuard {
public:
    explicit LibraryLockGuard(LibraryLock lock);
    ~LibraryLockGuard();
    LibraryLockGuard(const LibraryLockGuard&) = delete;
    LibraryLockGuard& operator=(const LibraryLockGuard&) = delete;

private:
    LibraryLock m_lock;
    bool m_held; // false when there was no other thread to exclude
};

} // namespace userlib
