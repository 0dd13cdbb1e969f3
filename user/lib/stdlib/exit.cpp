// Ending the process: exit with its clean-up (atexit functions, static destructors, stdout),
// _Exit without, abort as if killed by SIGABRT. Each ends every thread of the process.
#include "user/lib/internal/report.h"
#include "user/lib/internal/system_call.h"
#include "user/lib/pthread/library_lock.h"
#include "user/lib/stdio/streams.h"
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

extern "C" {
// From user/lib/user.ld.
extern void (*__fini_array_start[])();
extern void (*__fini_array_end[])();
}

namespace {

// atexit functions and C++ static destructors (registered through __cxa_atexit), run in
// reverse order of registration. Guarded by LibraryLock::ExitFunctions.
struct ExitFunction {
    void (*plain)();              // from atexit
    void (*with_argument)(void*); // from __cxa_atexit
    void* argument;
};
constexpr int EXIT_FUNCTION_COUNT = 2 * ATEXIT_MAX;
ExitFunction g_exit_functions[EXIT_FUNCTION_COUNT];
int g_exit_function_count = 0;

int register_exit_function(ExitFunction function) {
    userlib::LibraryLockGuard guard(userlib::LibraryLock::ExitFunctions);
    if (g_exit_function_count == EXIT_FUNCTION_COUNT)
        return -1;
    g_exit_functions[g_exit_function_count++] = function;
    return 0;
}

// Takes the most recently registered function, so that one registered while exiting runs too.
bool take_exit_function(ExitFunction& function) {
    userlib::LibraryLockGuard guard(userlib::LibraryLock::ExitFunctions);
    if (g_exit_function_count == 0)
        return false;
    function = g_exit_functions[--g_exit_function_count];
    return true;
}

} // namespace

extern "C" {

// The identity of this "shared object" for __cxa_atexit; a static program has just one.
void* __dso_handle = &__dso_handle;

int atexit(void (*function)()) {
    return register_exit_function({function, nullptr, nullptr});
}

int __cxa_atexit(void (*destructor)(void*), void* object, void*) {
    return register_exit_function({nullptr, destructor, object});
}

void exit(int status) {
    ExitFunction function;
    while (take_exit_function(function)) {
        if (function.plain)
            function.plain();
        else
            function.with_argument(function.argument);
    }
    for (auto** destructor = __fini_array_end; destructor != __fini_array_start;)
        (*--destructor)();
    userlib::flush_all_streams();
    _Exit(status);
}

void _Exit(int status) {
    userlib::system_call(SYSCALL_EXIT, status);
    __builtin_unreachable();
}

void _exit(int status) {
    _Exit(status);
}

void abort() {
    // Ends the process with SIGABRT in its wait status, as a kill would.
    userlib::system_call(SYSCALL_KILL, userlib::system_call(SYSCALL_GETPID), SIGABRT);
    _Exit(127); // not reached: the kernel does not return from killing the caller
}

void __assert_fail(const char* condition, const char* file, unsigned int line,
                   const char* function) {
    userlib::flush_all_streams();
    userlib::report("%s:%u: %s: assertion \"%s\" failed", file, line, function, condition);
    abort();
}

} // extern "C"
