/* Signals, as far as this system has them: names for the ways a process can be ended. There are
 * no handlers, so kill() with any of these ends the target process, and waitpid reports the
 * signal (WIFSIGNALED, WTERMSIG). */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define SIGINT ABI_SIGINT
#define SIGILL ABI_SIGILL
#define SIGTRAP ABI_SIGTRAP
#define SIGABRT ABI_SIGABRT
#define SIGFPE ABI_SIGFPE
#define SIGKILL ABI_SIGKILL
#define SIGSEGV ABI_SIGSEGV
#define SIGTERM ABI_SIGTERM

__BEGIN_DECLS
/* pid must name one process (no groups); signal 0 only checks that it exists. */
int kill(pid_t pid, int signal);
int raise(int signal);
__END_DECLS
