/* open: files of the initrd, read-only. */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define O_ACCMODE ABI_O_ACCESS_MODE
#define O_RDONLY ABI_O_RDONLY
#define O_WRONLY ABI_O_WRONLY
#define O_RDWR ABI_O_RDWR
#define O_CREAT ABI_O_CREAT
#define O_EXCL ABI_O_EXCL
#define O_TRUNC ABI_O_TRUNC

__BEGIN_DECLS
/* `mode` is accepted for portability and ignored: the initrd is read-only. */
int open(const char* path, int flags, ...);
__END_DECLS
