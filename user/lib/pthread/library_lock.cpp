// The library locks are kernel mutexes; see library_lock.h for when they are used at all.
#include "user/lib/pthread/library_lock.h"
#include "user/lib/internal/report.h"
#include "user/lib/internal/system_call.h"

namespace userlib {
namespace {

constexpr int LOCK_COUNT = static_cast<int>(LibraryLock::Count);
int g_handles[LOCK_COUNT];
bool g_prepared = false;
int g_thread_count = 1; // accessed atomically

int handle_of(LibraryLock lock) {
    return g_handles[static_cast<int>(lock)];
}

} // namespace

int prepare_library_locks() {
    // Only the first thread calls this before there is a second one, so no race here.
    if (g_prepared)
        return 0;
    for (int i = 0; i < LOCK_COUNT; ++i) {
        long handle = system_call(SYSCALL_MUTEX_CREATE);
        if (is_error(handle)) {
            while (i-- > 0)
                system_call(SYSCALL_CLOSE, g_handles[i]);
            return error_number(handle);
        }
        g_handles[i] = static_cast<int>(handle);
    }
    g_prepared = true;
    return 0;
}

int thread_count() {
    return __atomic_load_n(&g_thread_count, __ATOMIC_ACQUIRE);
}
void count_new_thread() {
    __atomic_add_fetch(&g_thread_count, 1, __ATOMIC_ACQ_REL);
}
int count_ending_thread() {
    return __atomic_sub_fetch(&g_thread_count, 1, __ATOMIC_ACQ_REL);
}

LibraryLockGuard::LibraryLockGuard(LibraryLock lock) : m_lock(lock), m_held(thread_count() > 1) {
    if (!m_held)
        return;
    long result = system_call(SYSCALL_MUTEX_LOCK, handle_of(lock));
    // Only a program that closed the library's handles behind its back gets here.
    if (is_error(result))
        fatal_error("library lock %d failed (error %ld): was its handle %d closed?",
                    static_cast<int>(lock), -result, handle_of(lock));
}

LibraryLockGuard::~LibraryLockGuard() {
    if (m_held)
        system_call(SYSCALL_MUTEX_UNLOCK, handle_of(m_lock));
}

} // namespace userlib
