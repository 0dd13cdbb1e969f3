/* Named shared memory: shm_open gives a handle, ftruncate sets the size, mmap with MAP_SHARED
 * maps it; every process that maps the same name sees the same memory. Only MAP_SHARED
 * mappings of shared-memory objects exist (no anonymous or file mappings). */
#pragma once

#include <libk/abi/types.h>
#include <sys/cdefs.h>
#include <sys/types.h>

#define PROT_NONE ABI_PROT_NONE
#define PROT_READ ABI_PROT_READ
#define PROT_WRITE ABI_PROT_WRITE
#define PROT_EXEC ABI_PROT_EXEC
#define MAP_SHARED ABI_MAP_SHARED
#define MAP_FIXED ABI_MAP_FIXED
#define MAP_FAILED ((void*)-1)

__BEGIN_DECLS
void* mmap(void* address, size_t length, int protection, int flags, int handle, off_t offset);
int munmap(void* address, size_t length);
/* `name` is "/name". `mode` is accepted for portability and ignored (no permissions). */
int shm_open(const char* name, int flags, mode_t mode);
int shm_unlink(const char* name);
__END_DECLS
