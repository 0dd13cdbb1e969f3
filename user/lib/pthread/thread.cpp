// pthread_create, join, exit, detach, self: each pthread is a kernel thread of this process
// (thread_create); its ThreadControlBlock (thread_control_block.h) holds errno and the state
// that decides who frees the block: the joiner, or the thread itself if it is detached.
#include "user/lib/internal/caller_memory.h"
#include "user/lib/internal/system_call.h"
#include "user/lib/pthread/library_lock.h"
#include "user/lib/pthread/thread_control_block.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

using userlib::LibraryLock;
using userlib::LibraryLockGuard;
using userlib::ThreadControlBlock;

namespace {

// Every thread of the process, the main thread first; guarded by LibraryLock::Threads. It lets
// pthread_join and pthread_detach tell a real pthread_t from a stale or made-up one.
ThreadControlBlock* g_threads = userlib::main_thread();

bool is_known(ThreadControlBlock* block) {
    for (ThreadControlBlock* thread = g_threads; thread; thread = thread->next) {
        if (thread == block)
            return true;
    }
    return false;
}

void link(ThreadControlBlock* block) {
    block->next = g_threads;
    block->previous = nullptr;
    g_threads->previous = block;
    g_threads = block;
}

void unlink(ThreadControlBlock* block) {
    if (block->previous)
        block->previous->next = block->next;
    else
        g_threads = block->next;
    if (block->next)
        block->next->previous = block->previous;
}

ThreadControlBlock* block_of(pthread_t thread) {
    return reinterpret_cast<ThreadControlBlock*>(thread);
}

// Where every new thread starts (thread_create's entry): it needs its thread pointer before
// anything can touch errno.
[[noreturn]] void thread_entry(void* argument) {
    auto* block = static_cast<ThreadControlBlock*>(argument);
    userlib::install_thread_block(block);
    pthread_exit(block->start(block->argument));
}

// The kernel's errors when it cannot make a thread all mean "not now" to pthread_create.
int creation_error(long result) {
    int error = userlib::error_number(result);
    return error == EINVAL || error == EFAULT ? EINVAL : EAGAIN;
}

} // namespace

extern "C" {

int pthread_create(pthread_t* thread, const pthread_attr_t* attributes, void* (*start)(void*),
                   void* argument) {
    bool detached = attributes && attributes->detach_state == PTHREAD_CREATE_DETACHED;
    if (attributes && !detached && attributes->detach_state != PTHREAD_CREATE_JOINABLE)
        return EINVAL;
    // Refused before the thread exists, so that no thread runs that nobody can name.
    if (int error = userlib::check_writable(thread, sizeof *thread))
        return error;
    if (userlib::prepare_library_locks() != 0)
        return EAGAIN;
    auto* block = static_cast<ThreadControlBlock*>(calloc(1, sizeof(ThreadControlBlock)));
    if (!block)
        return EAGAIN;
    *block = {.self = block,
              .kernel_handle = -1,
              .detached = detached,
              .start = start,
              .argument = argument};
    // Counted before it exists, so that from here on the library locks are really taken.
    userlib::count_new_thread();
    long handle;
    {
        // Held while the thread starts, so that it cannot end (and unlink or free its block)
        // before its handle is stored and it is linked.
        LibraryLockGuard guard(LibraryLock::Threads);
        handle = userlib::system_call(SYSCALL_THREAD_CREATE, thread_entry, block);
        if (!userlib::is_error(handle)) {
            if (detached)
                userlib::system_call(SYSCALL_CLOSE, handle);
            else
                block->kernel_handle = static_cast<int>(handle);
            link(block);
        }
    }
    if (userlib::is_error(handle)) {
        userlib::count_ending_thread();
        free(block);
        return creation_error(handle);
    }
    return userlib::store(thread, reinterpret_cast<pthread_t>(block));
}

void pthread_exit(void* result) {
    ThreadControlBlock* self = userlib::current_thread();
    bool free_block = false;
    {
        LibraryLockGuard guard(LibraryLock::Threads);
        self->exited = true;
        if (self->detached && self != userlib::main_thread()) {
            unlink(self);
            free_block = true;
        }
    }
    if (free_block) {
        userlib::install_thread_block(userlib::scratch_thread_block());
        free(self);
    }
    // POSIX: when the last thread ends, the process ends as if by exit(0).
    if (userlib::count_ending_thread() == 0)
        exit(0);
    userlib::system_call(SYSCALL_THREAD_EXIT, result);
    __builtin_unreachable();
}

int pthread_join(pthread_t thread, void** result) {
    // Refused before the join, which cannot be undone.
    if (result) {
        if (int error = userlib::check_writable(result, sizeof *result))
            return error;
    }
    ThreadControlBlock* target = block_of(thread);
    int handle;
    {
        LibraryLockGuard guard(LibraryLock::Threads);
        if (!is_known(target))
            return ESRCH;
        if (target == userlib::current_thread())
            return EDEADLK;
        if (target->detached || target->joining || target->kernel_handle < 0)
            return EINVAL;
        target->joining = true;
        handle = target->kernel_handle;
    }
    uint32_t value = 0;
    long status = userlib::system_call(SYSCALL_THREAD_JOIN, handle, &value);
    LibraryLockGuard guard(LibraryLock::Threads);
    if (userlib::is_error(status)) {
        target->joining = false;
        return userlib::error_number(status);
    }
    userlib::system_call(SYSCALL_CLOSE, handle);
    unlink(target);
    free(target);
    return result ? userlib::store(result, reinterpret_cast<void*>(value)) : 0;
}

int pthread_detach(pthread_t thread) {
    ThreadControlBlock* target = block_of(thread);
    LibraryLockGuard guard(LibraryLock::Threads);
    if (!is_known(target))
        return ESRCH;
    if (target->detached || target->joining)
        return EINVAL;
    target->detached = true;
    if (target->kernel_handle >= 0) {
        // The kernel thread goes away by itself once it has ended and this was its last handle.
        userlib::system_call(SYSCALL_CLOSE, target->kernel_handle);
        target->kernel_handle = -1;
    }
    // A thread that has ended already will not free its block any more: do it here.
    if (target->exited && target != userlib::main_thread()) {
        unlink(target);
        free(target);
    }
    return 0;
}

pthread_t pthread_self() {
    return reinterpret_cast<pthread_t>(userlib::current_thread());
}

int pthread_equal(pthread_t a, pthread_t b) {
    return a == b;
}

int pthread_attr_init(pthread_attr_t* attributes) {
    attributes->detach_state = PTHREAD_CREATE_JOINABLE;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t*) {
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t* attributes, int state) {
    if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attributes->detach_state = state;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t* attributes, int* state) {
    return userlib::store(state, attributes->detach_state);
}

} // extern "C"
