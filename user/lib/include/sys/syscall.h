/* Raw system calls, for tests that must pass what the library would never pass (bad pointers,
 * unknown numbers). The numbers and each call's contract are in libk/abi/system_calls.h. */
#pragma once

#include <libk/abi/system_calls.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
/* Makes call `number` with up to five arguments (missing ones are 0) and returns its result
 * unchanged: a negative error number on failure, errno untouched. */
long __system_call(unsigned long number, unsigned long argument1, unsigned long argument2,
                   unsigned long argument3, unsigned long argument4, unsigned long argument5);
/* Linux's interface: returns the result, or -1 with errno set. */
long syscall(long number, ...);
__END_DECLS
