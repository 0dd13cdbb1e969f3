/* errno: the error number of the last failed call, one per thread. The numbers are those of
 * the system-call interface (libk/abi/errors.h), which are Linux's. */
#pragma once

#include <libk/abi/errors.h>
#include <sys/cdefs.h>

__BEGIN_DECLS
/* The address of the calling thread's errno, inside its thread control block (found through
 * %gs; see libk/abi/program_start.h). */
int* __errno_location(void);
__END_DECLS

#define errno (*__errno_location())
