// The user library's own record of each thread: errno, and what pthread_join and
// pthread_detach need. A thread finds its block through its thread pointer: the kernel bases the
// %gs segment at the block, whose first word points at itself (libk/abi/program_start.h).
#pragma once

namespace userlib {

struct ThreadControlBlock {
    ThreadControlBlock* self; // must stay first: __read_thread_pointer reads %gs:0
    int error_number;         // errno

    // The rest is guarded by the Threads library lock (library_lock.h).
    int kernel_handle; // the kernel thread, for joining; -1 for the main and detached threads
    bool detached;     // nobody will join it: it frees this block itself when it ends
    bool exited;       // it called pthread_exit; the block waits for pthread_join
    bool joining;      // a thread is in pthread_join for it
    void* (*start)(void*);
    void* argument;
    ThreadControlBlock* next; // every thread of the process, for checking pthread_t values
    ThreadControlBlock* previous;
};

// The calling thread's block.
ThreadControlBlock* current_thread();

// The main thread's block, which is static; installed by the program start.
ThreadControlBlock* main_thread();

// Points the calling thread's %gs at `block`.
void install_thread_block(ThreadControlBlock* block);

// A block that ending threads switch to after freeing their own, so that anything they still
// do (errno of a failing call) has somewhere harmless to go.
ThreadControlBlock* scratch_thread_block();

} // namespace userlib
