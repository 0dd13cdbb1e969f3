/* POSIX semaphores: a kernel semaphore (count and first-come-first-served waiters) behind a
 * handle. Unnamed ones (sem_init) belong to one process; named ones (sem_open("/name")) live in
 * the kernel's namespace and are shared by every process that opens the name. Functions return
 * 0, or -1 with errno set. */
#pragma once

#include <limits.h>
#include <sys/cdefs.h>
#include <sys/types.h>

typedef struct {
    int handle; /* the kernel semaphore */
    int named;  /* 1 when sem_open made it (and sem_close frees it), 0 for sem_init */
} sem_t;

#define SEM_FAILED ((sem_t*)0)

__BEGIN_DECLS

/* pshared must be 0: a semaphore shared between processes is a named one (ENOSYS otherwise).
 * Errors: EINVAL value > SEM_VALUE_MAX; ENOSPC out of kernel objects or handles. */
int sem_init(sem_t* semaphore, int pshared, unsigned int value);
int sem_destroy(sem_t* semaphore);
int sem_wait(sem_t* semaphore);
/* Errors: EAGAIN the count is 0. */
int sem_trywait(sem_t* semaphore);
/* Errors: EOVERFLOW the count is SEM_VALUE_MAX already. */
int sem_post(sem_t* semaphore);
int sem_getvalue(sem_t* semaphore, int* value);

/* sem_open(name, flags) or, with O_CREAT, sem_open(name, flags, mode_t mode, unsigned value).
 * Returns SEM_FAILED with errno set: ENOENT, EEXIST, EINVAL, ENAMETOOLONG, ENOMEM, EMFILE.
 * Each call returns its own sem_t (POSIX promises the same address for the same name within a
 * process; here two opens give two sem_t that reach the same kernel semaphore). */
sem_t* sem_open(const char* name, int flags, ...);
int sem_close(sem_t* semaphore);
int sem_unlink(const char* name);

__END_DECLS
