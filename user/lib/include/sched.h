/* sched_yield: let another ready thread run. */
#pragma once

#include <sys/cdefs.h>

__BEGIN_DECLS
int sched_yield(void);
__END_DECLS
