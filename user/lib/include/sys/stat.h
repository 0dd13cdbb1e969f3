/* File status: the size and type of an initrd entry. */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define S_IFMT ABI_S_IFMT
#define S_IFDIR ABI_S_IFDIR
#define S_IFREG ABI_S_IFREG
#define S_ISDIR(mode) (((mode)&S_IFMT) == S_IFDIR)
#define S_ISREG(mode) (((mode)&S_IFMT) == S_IFREG)

/* Laid out exactly as struct abi_stat, which the kernel fills. */
struct stat {
    mode_t st_mode;
    off_t st_size;
};

__BEGIN_DECLS
int stat(const char* path, struct stat* status);
__END_DECLS
