/* Waiting for child processes and decoding how they ended. The status encoding is Linux's
 * (libk/abi/types.h), so these macros mean the same as there. */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define WNOHANG ABI_WNOHANG

#define WIFEXITED(status) (((status)&0x7f) == 0)
#define WEXITSTATUS(status) (((status) >> 8) & 0xff)
#define WIFSIGNALED(status) (((status)&0x7f) != 0 && ((status)&0x7f) != 0x7f)
#define WTERMSIG(status) ((status)&0x7f)

__BEGIN_DECLS
/* pid > 0: that child; -1 or 0: any child (there are no process groups). options: 0 or
 * WNOHANG, which returns 0 at once when no matching child has ended. */
pid_t waitpid(pid_t pid, int* status, int options);
pid_t wait(int* status);
__END_DECLS
