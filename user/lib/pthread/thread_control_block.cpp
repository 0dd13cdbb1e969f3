// errno and the blocks behind it. errno is a macro for *__errno_location(), the usual way C
// libraries give each thread its own.
#include "user/lib/pthread/thread_control_block.h"
#include "user/lib/internal/system_call.h"

namespace userlib {
namespace {
ThreadControlBlock g_main_thread = {.self = &g_main_thread, .kernel_handle = -1};
ThreadControlBlock g_scratch_thread = {.self = &g_scratch_thread, .kernel_handle = -1};
} // namespace

ThreadControlBlock* current_thread() {
    return static_cast<ThreadControlBlock*>(__read_thread_pointer());
}

ThreadControlBlock* main_thread() {
    return &g_main_thread;
}

ThreadControlBlock* scratch_thread_block() {
    return &g_scratch_thread;
}

void install_thread_block(ThreadControlBlock* block) {
    system_call(SYSCALL_SET_THREAD_POINTER, block);
}

void set_errno(int error) {
    current_thread()->error_number = error;
}

} // namespace userlib

extern "C" int* __errno_location() {
    return &userlib::current_thread()->error_number;
}
